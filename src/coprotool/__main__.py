from coprotool.cli import main

main()
