package tunesmith.music;

/** A header field such as {@code T:The Kesh}: one letter and its text. */
public record Field(char name, String value) {
    public Field {
        value = value == null ? "" : value.strip();
    }

    public String abc() { return name + ":" + value; }
}
