using System.Net;
using System.Net.Sockets;

namespace Onboarding.CustomerSimulation.LocalAws;

/// <summary>Loopback ports nobody listens on right now.</summary>
public static class FreePorts
{
    // The OS may hand the port it just freed out again at once: two asked for together (a silo's and its gateway's) could be one.
    private static readonly HashSet<int> HandedOut = [];

    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOut)
            {
                if (HandedOut.Add(port)) return port;
            }
        }
    }
}
