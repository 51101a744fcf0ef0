// Tunesmith start-up for JShell: the whole DSL in scope, after JShell's usual DEFAULT and PRINTING imports.
import static tunesmith.Tunesmith.*;
import tunesmith.music.*;
import tunesmith.corpus.Corpus;
import tunesmith.model.MelodyModel;
import tunesmith.vae.MusicVae;
// for the notebooks: charts, evaluation, sampling and tables without further imports
import tunesmith.corpus.Rhythms;
import tunesmith.chart.Charts;
import tunesmith.eval.Evaluation;
import tunesmith.model.Sampling;
import tunesmith.sample.Samples;
import tunesmith.latent.*;
import tech.tablesaw.api.*;
System.out.println("Tunesmith: corpus(\"starter\").table(), tune(\"...\"), lstm().train(...), /help for JShell — /exit to leave");
