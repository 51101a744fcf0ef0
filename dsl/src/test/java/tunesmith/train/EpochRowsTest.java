package tunesmith.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class EpochRowsTest {

    private static final EpochRows<TrainingEvent.Epoch> ROWS = new EpochRows<>(TrainingEvent.Epoch.class, "history");

    @Test
    void rowsRoundTripThroughCsvWithSnakeCaseColumnsAndRefuseAnotherHeader() {
        List<TrainingEvent.Epoch> rows = List.of(new TrainingEvent.Epoch(1, 2.5, 2.25, 0.3, 0.31, 0.002, 12.5, 1871.2, true),
                new TrainingEvent.Epoch(2, 2.1, 2.4, 0.35, 0.30, 0.00194, 12.0, 1900, false));
        String csv = ROWS.toCsv(rows);
        assertTrue(csv.startsWith("epoch,train_loss,valid_loss,train_accuracy,valid_accuracy,learning_rate,seconds,tokens_per_second,best\n"), csv);
        assertEquals(rows, ROWS.fromCsv(csv));
        assertEquals(List.of(), ROWS.fromCsv(""));
        Table t = ROWS.table("history", rows, "best");
        assertEquals(8, t.columnCount());
        assertEquals(2.4, t.doubleColumn("valid_loss").get(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ROWS.fromCsv("epoch,loss\n1,2.0"));
        assertTrue(e.getMessage().startsWith("history: header 'epoch,loss'"), e.getMessage());
    }

    @Test
    void settingsOnlyValidTogetherMayComeInAnyOrder() {
        record Range(int lowest, int highest, boolean on) {
            Range {
                if (highest - lowest < 12) throw new IllegalArgumentException("lowest..highest = " + lowest + ".." + highest + " spans less than an octave");
            }
        }
        Range defaults = new Range(48, 84, true);
        assertEquals(new Range(90, 110, false), Settings.parse("highest=110 lowest=90 on=false", "test", defaults, java.util.Map.of()));
        assertEquals("lowest=48 highest=84 on=true", Settings.toText(defaults));
        assertEquals("test setting on = 'yes' is not true or false",
                assertThrows(IllegalArgumentException.class, () -> Settings.parse("on=yes", "test", defaults, java.util.Map.of())).getMessage());
    }
}
