// SwiftPM gives an executable its own entry point (it renames `main`); from there libFuzzer's driver runs.
runFuzzer()
