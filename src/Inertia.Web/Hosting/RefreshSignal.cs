namespace Inertia.Web.Hosting;

/// <summary>Ends the background refresh's sleep early: someone made feeds due now (an app asked for a refresh).</summary>
public sealed class RefreshSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        // one pending wake is enough: the pass it starts takes everything due
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    /// <summary>Waits <paramref name="wait"/>, or less when woken.</summary>
    public async Task SleepAsync(TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var slept = Task.Delay(wait, time, stop.Token);
        var woken = _wake.WaitAsync(stop.Token);
        await Task.WhenAny(slept, woken);
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
