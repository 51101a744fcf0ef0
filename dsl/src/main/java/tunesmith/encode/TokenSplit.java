package tunesmith.encode;

/** Three disjoint parts of a {@link TokenCorpus}, split by tune; they share the vocabulary and the encoding. */
public record TokenSplit(TokenCorpus train, TokenCorpus valid, TokenCorpus test) {

    public Vocabulary vocabulary() { return train.vocabulary(); }

    @Override
    public String toString() {
        return "TokenSplit train " + train.size() + " sequences (" + train.tokenCount() + " tokens), valid " + valid.size()
                + " (" + valid.tokenCount() + "), test " + test.size() + " (" + test.tokenCount() + "); vocabulary " + vocabulary().size();
    }
}
