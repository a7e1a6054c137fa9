import Glibc
import MeshCheckCLI

let status = await MeshCheckTool.run(arguments: Array(CommandLine.arguments.dropFirst()))
exit(status.rawValue)
