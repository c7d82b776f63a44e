from symgraph.cli import main

main()
