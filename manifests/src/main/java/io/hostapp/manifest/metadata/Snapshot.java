package io.hostapp.manifest.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.json.CanonicalJson;
import io.hostapp.manifest.json.JsonFields;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Snapshot metadata: the version (and optionally length and hashes) of every targets role.
 * <pre>{ "_type": "snapshot", ..., "meta": { "targets.json": MetaFile, "&lt;role&gt;.json": MetaFile, ... } }</pre>
 */
public record Snapshot(SignedHeader header, Map<String, MetaFile> meta, ObjectNode json) implements Signed {

    public static final String TYPE = "snapshot";

    public Snapshot {
        meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
        json = json.deepCopy();
    }

    public static Snapshot parse(JsonNode signed, String role) throws MalformedMetadataException {
        JsonFields f = JsonFields.of(role, "signed", signed);
        SignedHeader header = SignedHeader.parse(f, TYPE);
        JsonFields metaObj = f.object("meta");
        Map<String, MetaFile> meta = new LinkedHashMap<>();
        for (Iterator<String> it = metaObj.node().fieldNames(); it.hasNext(); ) {
            String name = it.next();
            meta.put(name, MetaFile.parse(metaObj.object(name)));
        }
        return new Snapshot(header, meta, (ObjectNode) signed);
    }

    public static Snapshot build(SignedHeader header, Map<String, MetaFile> meta) {
        ObjectNode n = CanonicalJson.mapper().createObjectNode();
        header.writeTo(n);
        ObjectNode m = n.putObject("meta");
        meta.forEach((name, mf) -> m.set(name, mf.toJson()));
        return new Snapshot(header, meta, n);
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
