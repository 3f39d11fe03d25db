Console.Error.WriteLine("load tool: not built yet"); return 2;
