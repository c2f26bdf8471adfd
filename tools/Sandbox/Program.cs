using EcrPublicLambda.Sandbox;

// dotnet EcrPublicLambda.Sandbox.dll [--bootstrap PATH]: PATH is the published bootstrap or a bootstrap.dll;
// without it, the bootstrap.dll built beside this program. Exit 0 when the run showed what it should, 1 otherwise.
string? path = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--bootstrap" && i + 1 < args.Length)
    {
        path = args[++i];
    }
    else
    {
        Console.Error.WriteLine($"sandbox: unknown argument \"{args[i]}\" (usage: [--bootstrap PATH])");
        return 2;
    }
}

var result = await SandboxRun.RunAsync(SandboxBootstrap.From(path), Console.Out);
Console.WriteLine();
if (result.Problems.Count > 0)
{
    foreach (var problem in result.Problems)
    {
        Console.Error.WriteLine($"sandbox: unexpected: {problem}");
    }

    return 1;
}

Console.WriteLine("sandbox: as expected: the foreign Secret is a conflict and left as it was; every other namespace has the Secret and its service account lists it. Everything is stopped.");
return 0;
