// One jsii runtime (a node child process) serves the whole test process: keep its callers sequential.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
