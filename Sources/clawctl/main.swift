import ClawCLI

await ClawctlCommand.runMain()
