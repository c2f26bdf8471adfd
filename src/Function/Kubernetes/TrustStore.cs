using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// On Linux, .NET reads the machine's trust store (every file of the CA bundle and of the certificate directory) the
/// first time any certificate chain is checked, and again after some minutes, under one process-wide lock. The cluster
/// connections trust only their own CA, yet each TLS handshake's chain check still waits for that load: the first
/// handshakes of a run would all queue behind it. <see cref="WarmUp"/> starts the load in the background instead, at the
/// start of a run, while the run waits on the network anyway (docs/performance.md).
/// </summary>
internal static class TrustStore
{
    internal static void WarmUp() => _ = Task.Run(Load);

    private static void Load()
    {
        try
        {
            using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            foreach (var certificate in store.Certificates)
            {
                certificate.Dispose();
            }
        }
        catch (CryptographicException)
        {
            // Only a head start: a store that cannot be read now fails the same way where it is really needed.
        }
    }
}
