from learnlog.cli import main

main()
