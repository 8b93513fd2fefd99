from newsread.cli import main

raise SystemExit(main())
