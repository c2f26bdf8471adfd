using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// What a <c>CleanRemoved</c> Update may take as the fleet deployed before this one: the event's old fleet text, only
/// when its SHA-256 equals the deployed-fleet parameter's value (<see cref="DeployedFleet"/>), which the stack updates
/// after this resource, so during a deploy it still names the previous fleet. Else <see cref="Fleet"/> is null and
/// <see cref="Reason"/> says why nothing is trusted.
/// </summary>
internal sealed record PreviousFleet(Fleet? Fleet, string Reason);
