// Tunesmith start-up for JShell: the whole DSL in scope (after JShell's usual DEFAULT and PRINTING imports),
// and Tablesaw's tables for analysis.
import static tunesmith.Tunesmith.*;
import tech.tablesaw.api.*;
System.out.println("Tunesmith: corpus(\"starter\").table(), tune(\"...\"), lstm().train(...), /help for JShell — /exit to leave");
