using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Zarr.Tests.Shared;

/// <summary>What the proxy does to one request.</summary>
internal enum Fault
{
    /// <summary>Forwarded and answered untouched.</summary>
    None,

    /// <summary>The connection is reset once the request's head has arrived: the server never sees it.</summary>
    Drop,

    /// <summary>Answered 503 by the proxy (S3's SlowDown, Azure's ServerBusy): the server never sees it.</summary>
    Throttle,

    /// <summary>Held for <see cref="FaultProxy.Delay"/>, then forwarded.</summary>
    Delay,

    /// <summary>Forwarded (so a write is applied), but the connection is reset half-way through the answer.</summary>
    Truncate,

    /// <summary>Forwarded, half the answer sent, then nothing for <see cref="FaultProxy.StallTime"/> before a reset: the client's time-out must fire.</summary>
    Stall,
}

/// <summary>One request as the proxy read it.</summary>
internal sealed record ProxiedRequest(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>The first value of a header (case-insensitive name), or null.</summary>
    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>The 503 the proxy answers for <see cref="Fault.Throttle"/>, as the service would send it.</summary>
internal sealed record ThrottleAnswer(string Reason, string ErrorCode, string? ErrorHeader)
{
    /// <summary>S3's <c>503 Slow Down</c>.</summary>
    public static readonly ThrottleAnswer S3 = new("Slow Down", "SlowDown", null);

    /// <summary>Azure Storage's <c>503 ServerBusy</c> (the code also in <c>x-ms-error-code</c>).</summary>
    public static readonly ThrottleAnswer Azure = new("The server is busy.", "ServerBusy", "x-ms-error-code");
}

/// <summary>
/// Chooses faults at random with fixed rates and a fixed seed, so a run is repeatable in what it
/// injects (not in which request gets it: requests race). Stalls cost a client time-out each, so
/// they are capped.
/// </summary>
internal sealed class RandomFaults(int seed, double drop, double throttle, double delay, double truncate, double stall, int maxStalls)
{
    private readonly Random _random = new(seed);
    private int _stalls;

    public Fault Next(ProxiedRequest request)
    {
        double r;
        lock (_random) r = _random.NextDouble();
        if ((r -= drop) < 0) return Fault.Drop;
        if ((r -= throttle) < 0) return Fault.Throttle;
        if ((r -= delay) < 0) return Fault.Delay;
        if ((r -= truncate) < 0) return Fault.Truncate;
        if ((r -= stall) < 0 && Interlocked.Increment(ref _stalls) <= maxStalls) return Fault.Stall;
        return Fault.None;
    }
}

/// <summary>
/// A fault-injecting HTTP/1.1 proxy of our own on 127.0.0.1 (a free port) in front of a test server
/// (s3rver, azurite): clients send their requests to it as if it were the server, and for each request
/// <c>choose</c> decides whether it is passed on untouched, dropped, answered 503, delayed, or has its
/// answer cut short or stalled. It keeps client connections alive as servers do (so drops also hit
/// reused connections), opens one server connection per request, and records every request it read.
/// Nothing is rewritten that a signature covers: only <c>Connection</c> and <c>Expect</c> (the proxy
/// answers <c>100 Continue</c> itself).
/// </summary>
internal sealed class FaultProxy : IDisposable
{
    private const int MaxHead = 64 * 1024;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _serverPort;
    private readonly Func<ProxiedRequest, Fault> _choose;
    private readonly ThrottleAnswer _throttle;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly ConcurrentQueue<ProxiedRequest> _requests = new();
    private readonly long[] _counts = new long[Enum.GetValues<Fault>().Length];
    private readonly Task _accepting;

    public FaultProxy(int serverPort, Func<ProxiedRequest, Fault> choose, ThrottleAnswer throttle)
    {
        _serverPort = serverPort;
        _choose = choose;
        _throttle = throttle;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = Task.Run(AcceptLoop);
    }

    /// <summary>The port clients connect to.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:port</c>.</summary>
    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>How long a <see cref="Fault.Delay"/> holds a request (default 100 ms).</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a <see cref="Fault.Stall"/> holds an answer before the reset (default 10 s): longer than the client's time-out.</summary>
    public TimeSpan StallTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Conditional writes emulated in front of a server that ignores them (s3rver): a PUT or DELETE
    /// carrying <c>If-Match</c> or <c>If-None-Match</c> is passed on only when this says the condition
    /// holds, and answered 412 PreconditionFailed otherwise. The check and the forwarding run under a
    /// lock per target, so they are atomic for every request through this proxy (and only for those).
    /// Reads take the lock too: s3rver does not replace an object atomically, and a read overlapping a
    /// write could see parts of both (S3 itself replaces objects whole).
    /// </summary>
    public Func<ProxiedRequest, Task<bool>>? Preconditions { get; init; }

    /// <summary>Conditional requests the emulation refused with 412.</summary>
    public long PreconditionFailures => Interlocked.Read(ref _preconditionFailures);

    private long _preconditionFailures;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _targets = new();

    /// <summary>False passes every request untouched (the plan is not consulted).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Every request read so far, in arrival order.</summary>
    public IReadOnlyCollection<ProxiedRequest> Requests => _requests;

    /// <summary>How many requests met <paramref name="fault"/>.</summary>
    public long Count(Fault fault) => Interlocked.Read(ref _counts[(int)fault]);

    /// <summary>"Drop 3, Throttle 5, …": what was injected, for test messages.</summary>
    public string Summary => string.Join(", ", Enum.GetValues<Fault>().Select(f => $"{f} {Count(f)}"));

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = Task.Run(() => ServeConnection(client));
        }
    }

    private async Task ServeConnection(Socket client)
    {
        _open[client] = 0;
        client.NoDelay = true;
        var reader = new HttpReader(client);
        try
        {
            while (await ServeRequest(client, reader)) { }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidDataException)
        {
        }
        finally
        {
            Reset(client);
        }
    }

    // One request on a client connection; false when the connection is to be closed.
    private async Task<bool> ServeRequest(Socket client, HttpReader reader)
    {
        var head = await reader.ReadHead(_stop.Token);
        if (head is null) return false;
        var (startLine, headers) = head.Value;
        var parts = startLine.Split(' ', 3);
        if (parts.Length != 3) throw new InvalidDataException("bad request line");
        var request = new ProxiedRequest(parts[0], parts[1], headers);
        _requests.Enqueue(request);
        var fault = Enabled ? _choose(request) : Fault.None;
        Interlocked.Increment(ref _counts[(int)fault]);
        if (fault == Fault.Drop) return false;

        if (request.Header("Expect") is { } expect && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
            await client.SendAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), _stop.Token);
        var body = await reader.ReadBody(headers, isResponse: false, noBody: false, _stop.Token);

        if (fault == Fault.Throttle)
        {
            var xml = Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{_throttle.ErrorCode}</Code><Message>Injected by the test proxy.</Message></Error>");
            var extra = _throttle.ErrorHeader is null ? "" : $"{_throttle.ErrorHeader}: {_throttle.ErrorCode}\r\n";
            var answer = $"HTTP/1.1 503 {_throttle.Reason}\r\nContent-Type: application/xml\r\n{extra}Content-Length: {(request.Method == "HEAD" ? 0 : xml.Length)}\r\nConnection: close\r\n\r\n";
            await client.SendAsync(Encoding.ASCII.GetBytes(answer), _stop.Token);
            if (request.Method != "HEAD") await client.SendAsync(xml, _stop.Token);
            client.Shutdown(SocketShutdown.Send);
            return false;
        }
        if (fault == Fault.Delay) await Task.Delay(Delay, _stop.Token);

        var conditional = Preconditions is not null && request.Method is "PUT" or "DELETE" && (request.Header("If-Match") ?? request.Header("If-None-Match")) is not null;
        var target = Preconditions is not null ? _targets.GetOrAdd(request.Target.Split('?')[0], _ => new SemaphoreSlim(1)) : null;
        if (target is not null) await target.WaitAsync(_stop.Token);
        try
        {
            if (conditional && !await Preconditions!(request))
            {
                Interlocked.Increment(ref _preconditionFailures);
                var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>"u8.ToArray();
                await client.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 412 Precondition Failed\r\nContent-Type: application/xml\r\nContent-Length: {xml.Length}\r\n\r\n"), _stop.Token);
                await client.SendAsync(xml, _stop.Token);
                return true;
            }
            return await Forward(client, request, startLine, headers, body, fault);
        }
        finally
        {
            target?.Release();
        }
    }

    // Passes the request to the server on a connection of its own and relays the answer, cut or
    // stalled as the fault says; false when the client connection is to be closed.
    private async Task<bool> Forward(Socket client, ProxiedRequest request, string startLine, List<KeyValuePair<string, string>> headers, byte[] body, Fault fault)
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _open[server] = 0;
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _serverPort, _stop.Token);
            var forwarded = new StringBuilder(startLine).Append("\r\n");
            foreach (var (name, value) in headers)
                if (!name.Equals("Connection", StringComparison.OrdinalIgnoreCase) && !name.Equals("Expect", StringComparison.OrdinalIgnoreCase))
                    forwarded.Append(name).Append(": ").Append(value).Append("\r\n");
            forwarded.Append("Connection: close\r\n\r\n");
            await server.SendAsync(Encoding.Latin1.GetBytes(forwarded.ToString()), _stop.Token);
            if (body.Length > 0) await server.SendAsync(body, _stop.Token);

            var answerReader = new HttpReader(server);
            var (statusLine, answerHeaders) = await answerReader.ReadHead(_stop.Token) ?? throw new IOException("the server closed without answering");
            var status = int.Parse(statusLine.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
            var noBody = request.Method == "HEAD" || status is 204 or 304 || status < 200;
            var untilClose = !noBody && answerHeaders.All(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase));
            var answerBody = await answerReader.ReadBody(answerHeaders, isResponse: true, noBody, _stop.Token);
            var relayed = new StringBuilder(statusLine).Append("\r\n");
            foreach (var (name, value) in answerHeaders)
                if (!name.Equals("Connection", StringComparison.OrdinalIgnoreCase) && !name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase))
                    relayed.Append(name).Append(": ").Append(value).Append("\r\n");
            if (untilClose) relayed.Append("Connection: close\r\n");
            relayed.Append("\r\n");
            var answerHead = Encoding.Latin1.GetBytes(relayed.ToString());

            if (fault is Fault.Truncate or Fault.Stall)
            {
                // Half the body; with no body, the head alone (a HEAD's answer) or nothing at all.
                if (answerBody.Length > 0 || fault == Fault.Stall) await client.SendAsync(answerHead, _stop.Token);
                if (answerBody.Length > 1) await client.SendAsync(answerBody.AsMemory(0, answerBody.Length / 2), _stop.Token);
                if (fault == Fault.Stall) await Task.Delay(StallTime, _stop.Token);
                return false;
            }
            await client.SendAsync(answerHead, _stop.Token);
            if (answerBody.Length > 0) await client.SendAsync(answerBody, _stop.Token);
            if (untilClose) client.Shutdown(SocketShutdown.Send);
            return !untilClose;
        }
        finally
        {
            _open.TryRemove(server, out _);
        }
    }

    // An abortive close (RST), as a dropped connection looks to the client.
    private void Reset(Socket socket)
    {
        _open.TryRemove(socket, out _);
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (var socket in _open.Keys) Reset(socket);
        try { _accepting.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }

    /// <summary>Reads HTTP/1.1 heads and bodies from a socket, keeping what it read past a head.</summary>
    private sealed class HttpReader(Socket socket)
    {
        private byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        private async Task<bool> Fill(CancellationToken cancellationToken)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            var n = await socket.ReceiveAsync(_buffer.AsMemory(_end), cancellationToken);
            _end += n;
            return n > 0;
        }

        /// <summary>The start line and headers, or null when the peer closed before sending anything.</summary>
        public async Task<(string StartLine, List<KeyValuePair<string, string>> Headers)?> ReadHead(CancellationToken cancellationToken)
        {
            while (true)
            {
                var end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
                if (end >= 0)
                {
                    var text = Encoding.Latin1.GetString(_buffer, _start, end);
                    _start += end + 4;
                    var lines = text.Split("\r\n");
                    var headers = new List<KeyValuePair<string, string>>();
                    foreach (var line in lines.Skip(1))
                    {
                        var colon = line.IndexOf(':');
                        if (colon <= 0) throw new InvalidDataException("bad header line");
                        headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
                    }
                    return (lines[0], headers);
                }
                if (_end - _start > MaxHead) throw new InvalidDataException("head too long");
                if (!await Fill(cancellationToken))
                {
                    if (_end == _start) return null;
                    throw new IOException("closed inside a head");
                }
            }
        }

        /// <summary>The body that follows a head: by Content-Length, chunked (kept chunked, as sent), or for an answer without either, up to the close.</summary>
        public async Task<byte[]> ReadBody(List<KeyValuePair<string, string>> headers, bool isResponse, bool noBody, CancellationToken cancellationToken)
        {
            if (noBody) return [];
            string? Get(string name) => headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
            if (Get("Transfer-Encoding") is { } te && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                var raw = new MemoryStream();
                while (true)
                {
                    var line = await ReadLine(cancellationToken);
                    raw.Write(Encoding.Latin1.GetBytes(line + "\r\n"));
                    var size = Convert.ToInt32(line.Split(';')[0].Trim(), 16);
                    if (size == 0)
                    {
                        // Trailers, up to the empty line.
                        while (true)
                        {
                            var trailer = await ReadLine(cancellationToken);
                            raw.Write(Encoding.Latin1.GetBytes(trailer + "\r\n"));
                            if (trailer.Length == 0) return raw.ToArray();
                        }
                    }
                    raw.Write(await ReadExactly(size + 2, cancellationToken));
                }
            }
            if (Get("Content-Length") is { } length) return await ReadExactly(int.Parse(length, System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            if (!isResponse) return [];
            var rest = new MemoryStream();
            rest.Write(_buffer, _start, _end - _start);
            _start = _end = 0;
            while (await Fill(cancellationToken))
            {
                rest.Write(_buffer, 0, _end);
                _end = 0;
            }
            return rest.ToArray();
        }

        private async Task<string> ReadLine(CancellationToken cancellationToken)
        {
            while (true)
            {
                var end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
                if (end >= 0)
                {
                    var line = Encoding.Latin1.GetString(_buffer, _start, end);
                    _start += end + 2;
                    return line;
                }
                if (!await Fill(cancellationToken)) throw new IOException("closed inside a chunked body");
            }
        }

        private async Task<byte[]> ReadExactly(int count, CancellationToken cancellationToken)
        {
            var result = new byte[count];
            var have = 0;
            while (have < count)
            {
                if (_start == _end && !await Fill(cancellationToken)) throw new IOException("closed inside a body");
                var n = Math.Min(count - have, _end - _start);
                Buffer.BlockCopy(_buffer, _start, result, have, n);
                _start += n;
                have += n;
            }
            return result;
        }
    }
}
