package io.hostapp.manifest.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.json.CanonicalJson;
import io.hostapp.manifest.json.JsonFields;

/**
 * Timestamp metadata: which snapshot version is current.
 * <pre>{ "_type": "timestamp", ..., "meta": { "snapshot.json": MetaFile } }</pre>
 */
public record Timestamp(SignedHeader header, MetaFile snapshotMeta, ObjectNode json) implements Signed {

    public static final String TYPE = "timestamp";

    public Timestamp {
        json = json.deepCopy();
    }

    public static Timestamp parse(JsonNode signed, String role) throws MalformedMetadataException {
        JsonFields f = JsonFields.of(role, "signed", signed);
        SignedHeader header = SignedHeader.parse(f, TYPE);
        MetaFile meta = MetaFile.parse(f.object("meta").object("snapshot.json"));
        return new Timestamp(header, meta, (ObjectNode) signed);
    }

    public static Timestamp build(SignedHeader header, MetaFile snapshotMeta) {
        ObjectNode n = CanonicalJson.mapper().createObjectNode();
        header.writeTo(n);
        n.putObject("meta").set("snapshot.json", snapshotMeta.toJson());
        return new Timestamp(header, snapshotMeta, n);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ObjectNode json() {
        return json.deepCopy();
    }
}
