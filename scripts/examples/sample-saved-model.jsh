// Sample from a saved model: MODEL=runs/folk/model.tsm ./scripts/tunesmith run scripts/examples/sample-saved-model.jsh
// Without MODEL it first saves a small model of the starter tunes (half a minute), then loads that.
String given = System.getenv("MODEL");
java.nio.file.Path file = given != null ? java.nio.file.Path.of(given) : java.nio.file.Files.createTempFile("starter", ".tsm");
if (given == null) lstm().layers(1).units(64).tbptt(0).train(corpus("starter").tokens(abc()).split(0.9), epochs(3).quiet()).save(file);
var model = loadModel(file);
System.out.println(model);
System.out.println(model.sample().temperature(0.9).seed(5).maxLength(300).count(3));
