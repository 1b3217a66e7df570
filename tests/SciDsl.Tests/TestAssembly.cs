// TorchSharp's random generator is process-wide: a test seeding it while another test draws from
// it on a parallel thread would make seeded runs irreproducible, so test classes run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
