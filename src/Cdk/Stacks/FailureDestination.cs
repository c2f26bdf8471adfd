using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.SQS;
using Amazon.CDK;
using Constructs;
using EcrPublicLambda.Cdk.Common;

namespace EcrPublicLambda.Cdk.Stacks;

/// <summary>
/// Asynchronous invocations (the schedule's) are not retried by Lambda: a run that fails is a problem to look at, not
/// to repeat twice more (three times the writes and the Errors count). Each failed invocation is recorded once, as
/// Lambda's destination record (request payload, error type and message), in an SQS queue of the stack.
/// </summary>
internal static class FailureDestination
{
    /// <summary>How long a record stays in the queue: SQS's longest.</summary>
    internal static readonly Duration Retention = Duration.Days(14);

    /// <summary>Declares the queue, lets <paramref name="role"/> send to it, and sets the function's asynchronous invocation config.</summary>
    internal static Queue Declare(Construct scope, IFunction function, Role role)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(role);
        var queue = new Queue(scope, "FailedRuns", new QueueProps
        {
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            RetentionPeriod = Retention,
        });
        NagAcknowledgement.Add(
            (CfnResource)queue.Node.DefaultChild!,
            "AwsSolutions-SQS3",
            "This queue is the end of the line: it holds Lambda's record of each failed run for a person to read; a dead-letter queue behind it would only move unread records elsewhere.");

        // Lambda sends the record with the function's role; it checks this permission when the config is created, and
        // the function (hence the config) depends on the role's policy.
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "RecordFailedRuns",
            Actions = ["sqs:SendMessage"],
            Resources = [queue.QueueArn],
        }));

        _ = new CfnEventInvokeConfig(scope, "AsyncInvokeConfig", new CfnEventInvokeConfigProps
        {
            FunctionName = function.FunctionName,
            Qualifier = "$LATEST",
            MaximumRetryAttempts = 0,
            DestinationConfig = new CfnEventInvokeConfig.DestinationConfigProperty
            {
                OnFailure = new CfnEventInvokeConfig.OnFailureProperty { Destination = queue.QueueArn },
            },
        });

        _ = new CfnOutput(scope, "FailedRunsQueueUrl", new CfnOutputProps
        {
            Description = "Failed asynchronous runs (one record each, kept 14 days): aws sqs receive-message --queue-url <this>",
            Value = queue.QueueUrl,
        });
        return queue;
    }
}
