from scopeguard.cli import main

raise SystemExit(main())
