package org.carepath.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Re-encrypts the ciphertext columns of one table under the current data key, a page of rows at a time,
 * skipping values already under it. Restartable: a run that stops half-way leaves every value readable
 * (under the old key or the new one) and the next run carries on.
 */
public final class CiphertextRewriter {

    private static final int PAGE = 500;

    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;

    public CiphertextRewriter(JdbcTemplate jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /**
     * @param columns ciphertext column to the context it was encrypted under
     * @return how many values were re-encrypted
     */
    public int rewrite(String table, String idColumn, Map<String, String> columns) {
        List<String> names = new ArrayList<>(columns.keySet());
        String select = "select " + idColumn + ", " + String.join(", ", names) + " from " + table + " where "
                + idColumn + " > ? order by " + idColumn + " limit " + PAGE;
        int rewritten = 0;
        String after = "";
        while (true) {
            List<Map<String, Object>> rows = jdbc.queryForList(select, after);
            if (rows.isEmpty()) {
                return rewritten;
            }
            for (Map<String, Object> row : rows) {
                after = (String) row.get(idColumn);
                for (String column : names) {
                    byte[] value = (byte[]) row.get(column);
                    if (value != null && !cipher.isCurrent(value)) {
                        String context = columns.get(column);
                        byte[] fresh = cipher.encrypt(cipher.decrypt(value, context), context);
                        jdbc.update("update " + table + " set " + column + " = ? where " + idColumn + " = ?", fresh,
                                after);
                        rewritten++;
                    }
                }
            }
        }
    }
}
