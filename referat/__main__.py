from referat.cli import main

raise SystemExit(main())
