// Train a small LSTM on the starter reels and jigs and print three samples (a minute on 2 cores).
var data = corpus("starter").where(rhythm("reel", "jig", "hornpipe")).tokens(abc()).split(0.85, 0.15, 1);
var rnn = lstm().layers(1).units(96).tbptt(0).batch(8).train(data, epochs(6).quiet());
System.out.println(rnn);
System.out.println(rnn.sample().temperature(0.8).prime("M:4/4 K:D |:").seed(1).maxLength(200).count(3));
