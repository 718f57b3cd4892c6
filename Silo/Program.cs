// Wiring comes with the foundation issue.
Console.WriteLine("silo");
