using Onboarding.Grains.Notifications;

namespace Onboarding.Grains.Ports;

/// <summary>Publishes events to the partner's notifications topic.</summary>
public interface IPartnerNotifier
{
    Task PublishAsync(PartnerNotification notification, CancellationToken cancellationToken);
}
