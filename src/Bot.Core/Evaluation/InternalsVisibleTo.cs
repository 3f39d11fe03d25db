using System.Runtime.CompilerServices;

// The glob pre-check must agree with the glob itself; its tests compare the two directly.
[assembly: InternalsVisibleTo("Bot.Core.Tests")]
