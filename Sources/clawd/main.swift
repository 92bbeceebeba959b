import ClawDaemon

await ClawdCommand.runMain()
