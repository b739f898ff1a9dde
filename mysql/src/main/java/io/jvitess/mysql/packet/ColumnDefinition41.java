package io.jvitess.mysql.packet;

import io.jvitess.mysql.protocol.TypeMapping;
import io.jvitess.proto.query.Field;

import static java.util.Objects.requireNonNull;

/**
 * Describes one result column (Protocol::ColumnDefinition41).
 *
 * @param characterSet collation id; 63 means binary
 * @param columnLength unsigned 32-bit display length
 * @param columnType   a {@link io.jvitess.mysql.protocol.ColumnType} code
 * @param flags        {@link io.jvitess.mysql.protocol.ColumnFlags} bits
 */
public record ColumnDefinition41(
        String catalog,
        String schema,
        String table,
        String orgTable,
        String name,
        String orgName,
        int characterSet,
        long columnLength,
        int columnType,
        int flags,
        int decimals) {

    public static final String CATALOG = "def";
    /** Length of the fixed-size block after the names; always 0x0c. */
    private static final int FIXED_FIELDS_LENGTH = 0x0c;

    public ColumnDefinition41 {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
        requireNonNull(orgTable, "orgTable is null");
        requireNonNull(name, "name is null");
        requireNonNull(orgName, "orgName is null");
    }

    /** The wire form of a Vitess field: its type mapped to MySQL's, type flags OR-ed with the field's own. */
    public static ColumnDefinition41 fromField(Field field) {
        TypeMapping.MysqlType mysqlType = TypeMapping.toMysql(field.getType());
        int characterSet = field.getCharset() != 0 ? field.getCharset() : mysqlType.defaultCharacterSet();
        return new ColumnDefinition41(
                CATALOG,
                field.getDatabase(),
                field.getTable(),
                field.getOrgTable(),
                field.getName(),
                field.getOrgName(),
                characterSet,
                Integer.toUnsignedLong(field.getColumnLength()),
                mysqlType.columnType(),
                (mysqlType.flags() | field.getFlags()) & 0xFFFF,
                field.getDecimals());
    }

    public static ColumnDefinition41 read(PacketReader reader) {
        String catalog = reader.readLenencString();
        String schema = reader.readLenencString();
        String table = reader.readLenencString();
        String orgTable = reader.readLenencString();
        String name = reader.readLenencString();
        String orgName = reader.readLenencString();
        long fixedLength = reader.readLenencInt();
        if (fixedLength != FIXED_FIELDS_LENGTH) {
            throw new MalformedPacketException("column definition fixed block has length " + fixedLength);
        }
        int characterSet = reader.readInt2();
        long columnLength = reader.readInt4();
        int columnType = reader.readInt1();
        int flags = reader.readInt2();
        int decimals = reader.readInt1();
        reader.skip(2);
        // COM_FIELD_LIST adds the column default after this; callers that care read it next.
        return new ColumnDefinition41(catalog, schema, table, orgTable, name, orgName, characterSet, columnLength, columnType, flags, decimals);
    }

    public void write(PacketWriter writer) {
        writer.writeLenencString(catalog);
        writer.writeLenencString(schema);
        writer.writeLenencString(table);
        writer.writeLenencString(orgTable);
        writer.writeLenencString(name);
        writer.writeLenencString(orgName);
        writer.writeLenencInt(FIXED_FIELDS_LENGTH);
        writer.writeInt2(characterSet);
        writer.writeInt4(columnLength);
        writer.writeInt1(columnType);
        writer.writeInt2(flags);
        writer.writeInt1(decimals);
        writer.writeZeros(2);
    }

    /** The COM_FIELD_LIST variant, which ends with the column default; jvitess does not know it and sends NULL. */
    public void writeForFieldList(PacketWriter writer) {
        write(writer);
        writer.writeNull();
    }
}
