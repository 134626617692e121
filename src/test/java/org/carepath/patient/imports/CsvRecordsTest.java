package org.carepath.patient.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.carepath.patient.imports.CsvRecords.CsvRecord;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

    @Test
    void readsRfc4180() {
        assertThat(CsvRecords.read("a,\"b,c\",\"d \"\"e\"\"\"\r\n,,\n\"x\ny\",z"))
                .containsExactly(new CsvRecord(1, List.of("a", "b,c", "d \"e\""), null),
                        new CsvRecord(2, List.of("", "", ""), null),
                        new CsvRecord(3, List.of("x\ny", "z"), null));
    }

    @Test
    void blankLinesAreIgnoredAndLinesCounted() {
        assertThat(CsvRecords.read("a\n\n\r\nb\n")).containsExactly(new CsvRecord(1, List.of("a"), null),
                new CsvRecord(4, List.of("b"), null));
    }

    @Test
    void anUnclosedQuoteLosesOnlyItsLine() {
        assertThat(CsvRecords.read("a,\"b\nc,d\ne\n")).containsExactly(
                new CsvRecord(1, null, "a quoted field is not closed"),
                new CsvRecord(2, List.of("c", "d"), null),
                new CsvRecord(3, List.of("e"), null));
    }

    @Test
    void textAfterAClosingQuoteLosesOnlyItsRecord() {
        assertThat(CsvRecords.read("\"a\"b,c\nd\n")).containsExactly(
                new CsvRecord(1, null, "text after a closing quote"),
                new CsvRecord(2, List.of("d"), null));
    }

    @Test
    void aQuoteInsideAPlainFieldIsText() {
        assertThat(CsvRecords.read("O\"Brien,x")).containsExactly(new CsvRecord(1, List.of("O\"Brien", "x"), null));
    }
}
