from kokuho_desk.cli import main

raise SystemExit(main())
