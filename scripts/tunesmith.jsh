// Tunesmith start-up for JShell: the whole DSL in scope, after JShell's usual DEFAULT and PRINTING imports.
import static tunesmith.Tunesmith.*;
import tunesmith.music.*;
import tunesmith.corpus.Corpus;
import tunesmith.model.MelodyModel;
System.out.println("Tunesmith: corpus(\"starter\").table(), tune(\"...\"), lstm().train(...), /help for JShell — /exit to leave");
