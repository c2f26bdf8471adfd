using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>
/// What the test does between two invocations of one warm function process: fun-invoke.js POSTs the index of the
/// invocation that just ended to <see cref="Url"/> and waits for the answer, which comes once the action has run
/// (500 when it threw, and fun-invoke.js then fails). Errors of the action are kept for <see cref="ThrowIfFailed"/>.
/// </summary>
internal sealed class InvocationPause : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<Exception> failures = [];

    private InvocationPause(WebApplication app) => this.app = app;

    internal Uri Url { get; private set; } = null!;

    /// <summary>The indexes of the invocations after which the action ran, in order.</summary>
    internal List<int> Ran { get; } = [];

    internal static async Task<InvocationPause> StartAsync(Func<int, Task> action)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var pause = new InvocationPause(builder.Build());
        pause.app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var index = int.Parse(await reader.ReadToEndAsync(), System.Globalization.CultureInfo.InvariantCulture);
            try
            {
                await action(index);
                pause.Ran.Add(index);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            }
            catch (Exception e)
            {
                pause.failures.Add(e);
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
        });
        await pause.app.StartAsync();
        var address = pause.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        pause.Url = new Uri(address.EndsWith('/') ? address : address + "/");
        return pause;
    }

    /// <summary>Rethrows the first failure of the action, if any.</summary>
    internal void ThrowIfFailed()
    {
        if (failures.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failures[0]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
