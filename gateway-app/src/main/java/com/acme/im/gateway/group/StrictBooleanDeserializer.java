package com.acme.im.gateway.group;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * 只接受 JSON 的 true/false：默认的布尔解码会把任意字符串宽松地当成 false，"yes please" 会被静默当作解除禁言。
 */
@Singleton
public class StrictBooleanDeserializer implements Deserializer<Boolean> {

    @Override
    public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
        Object value = decoder.decodeArbitrary();
        if (value instanceof Boolean b) {
            return b;
        }
        throw new SerdeException("expected true or false");
    }
}
