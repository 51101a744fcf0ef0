// A tune from ABC text, transposed to A, written as ABC and as a MIDI file.
var t = tune("""
        T:The Kesh (A part)
        R:jig
        M:6/8
        L:1/8
        K:G
        |:GAG GAB|ABA ABd|edd gdd|edB dBA|
        GAG GAB|ABA ABd|edd gdB|AGF G3:|
        """);
System.out.println(t);
System.out.println(abcText(t.transposeTo("A")));
var file = midi(t.transposeTo("A")).write(java.nio.file.Files.createTempFile("kesh", ".mid"));
System.out.println("MIDI written to " + file);
