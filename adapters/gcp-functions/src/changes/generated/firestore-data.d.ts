import * as $protobuf from "protobufjs";
import Long = require("long");
/** Namespace google. */
export namespace google {
  /** Namespace protobuf. */
  namespace protobuf {
    /** Properties of a Struct. */
    interface IStruct {
      /** Struct fields */
      fields?: { [k: string]: google.protobuf.IValue } | null;
    }

    /** Represents a Struct. */
    class Struct implements IStruct {
      /**
       * Constructs a new Struct.
       * @param [properties] Properties to set
       */
      constructor(properties?: google.protobuf.IStruct);

      /** Struct fields. */
      public fields: { [k: string]: google.protobuf.IValue };

      /**
       * Decodes a Struct message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns Struct
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      public static decode(reader: $protobuf.Reader | Uint8Array, length?: number): google.protobuf.Struct;
    }

    /** Properties of a Value. */
    interface IValue {
      /** Value nullValue */
      nullValue?: google.protobuf.NullValue | null;

      /** Value numberValue */
      numberValue?: number | null;

      /** Value stringValue */
      stringValue?: string | null;

      /** Value boolValue */
      boolValue?: boolean | null;

      /** Value structValue */
      structValue?: google.protobuf.IStruct | null;

      /** Value listValue */
      listValue?: google.protobuf.IListValue | null;
    }

    /** Represents a Value. */
    class Value implements IValue {
      /**
       * Constructs a new Value.
       * @param [properties] Properties to set
       */
      constructor(properties?: google.protobuf.IValue);

      /** Value nullValue. */
      public nullValue?: google.protobuf.NullValue | null;

      /** Value numberValue. */
      public numberValue?: number | null;

      /** Value stringValue. */
      public stringValue?: string | null;

      /** Value boolValue. */
      public boolValue?: boolean | null;

      /** Value structValue. */
      public structValue?: google.protobuf.IStruct | null;

      /** Value listValue. */
      public listValue?: google.protobuf.IListValue | null;

      /** Value kind. */
      public kind?: "nullValue" | "numberValue" | "stringValue" | "boolValue" | "structValue" | "listValue";

      /**
       * Decodes a Value message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns Value
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      public static decode(reader: $protobuf.Reader | Uint8Array, length?: number): google.protobuf.Value;
    }

    /** NullValue enum. */
    enum NullValue {
      NULL_VALUE = 0,
    }

    /** Properties of a ListValue. */
    interface IListValue {
      /** ListValue values */
      values?: google.protobuf.IValue[] | null;
    }

    /** Represents a ListValue. */
    class ListValue implements IListValue {
      /**
       * Constructs a new ListValue.
       * @param [properties] Properties to set
       */
      constructor(properties?: google.protobuf.IListValue);

      /** ListValue values. */
      public values: google.protobuf.IValue[];

      /**
       * Decodes a ListValue message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns ListValue
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      public static decode(reader: $protobuf.Reader | Uint8Array, length?: number): google.protobuf.ListValue;
    }

    /** Properties of a Timestamp. */
    interface ITimestamp {
      /** Timestamp seconds */
      seconds?: number | Long | null;

      /** Timestamp nanos */
      nanos?: number | null;
    }

    /** Represents a Timestamp. */
    class Timestamp implements ITimestamp {
      /**
       * Constructs a new Timestamp.
       * @param [properties] Properties to set
       */
      constructor(properties?: google.protobuf.ITimestamp);

      /** Timestamp seconds. */
      public seconds: number | Long;

      /** Timestamp nanos. */
      public nanos: number;

      /**
       * Decodes a Timestamp message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns Timestamp
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      public static decode(reader: $protobuf.Reader | Uint8Array, length?: number): google.protobuf.Timestamp;
    }
  }

  /** Namespace events. */
  namespace events {
    /** Namespace cloud. */
    namespace cloud {
      /** Namespace firestore. */
      namespace firestore {
        /** Namespace v1. */
        namespace v1 {
          /** Properties of a DocumentEventData. */
          interface IDocumentEventData {
            /** DocumentEventData value */
            value?: google.events.cloud.firestore.v1.IDocument | null;

            /** DocumentEventData old_value */
            old_value?: google.events.cloud.firestore.v1.IDocument | null;

            /** DocumentEventData update_mask */
            update_mask?: google.events.cloud.firestore.v1.IDocumentMask | null;
          }

          /** Represents a DocumentEventData. */
          class DocumentEventData implements IDocumentEventData {
            /**
             * Constructs a new DocumentEventData.
             * @param [properties] Properties to set
             */
            constructor(properties?: google.events.cloud.firestore.v1.IDocumentEventData);

            /** DocumentEventData value. */
            public value?: google.events.cloud.firestore.v1.IDocument | null;

            /** DocumentEventData old_value. */
            public old_value?: google.events.cloud.firestore.v1.IDocument | null;

            /** DocumentEventData update_mask. */
            public update_mask?: google.events.cloud.firestore.v1.IDocumentMask | null;

            /**
             * Decodes a DocumentEventData message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns DocumentEventData
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: $protobuf.Reader | Uint8Array, length?: number): google.events.cloud.firestore.v1.DocumentEventData;
          }

          /** Properties of a DocumentMask. */
          interface IDocumentMask {
            /** DocumentMask field_paths */
            field_paths?: string[] | null;
          }

          /** Represents a DocumentMask. */
          class DocumentMask implements IDocumentMask {
            /**
             * Constructs a new DocumentMask.
             * @param [properties] Properties to set
             */
            constructor(properties?: google.events.cloud.firestore.v1.IDocumentMask);

            /** DocumentMask field_paths. */
            public field_paths: string[];

            /**
             * Decodes a DocumentMask message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns DocumentMask
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: $protobuf.Reader | Uint8Array, length?: number): google.events.cloud.firestore.v1.DocumentMask;
          }

          /** Properties of a Document. */
          interface IDocument {
            /** Document name */
            name?: string | null;

            /** Document fields */
            fields?: { [k: string]: google.events.cloud.firestore.v1.IValue } | null;

            /** Document create_time */
            create_time?: google.protobuf.ITimestamp | null;

            /** Document update_time */
            update_time?: google.protobuf.ITimestamp | null;
          }

          /** Represents a Document. */
          class Document implements IDocument {
            /**
             * Constructs a new Document.
             * @param [properties] Properties to set
             */
            constructor(properties?: google.events.cloud.firestore.v1.IDocument);

            /** Document name. */
            public name: string;

            /** Document fields. */
            public fields: { [k: string]: google.events.cloud.firestore.v1.IValue };

            /** Document create_time. */
            public create_time?: google.protobuf.ITimestamp | null;

            /** Document update_time. */
            public update_time?: google.protobuf.ITimestamp | null;

            /**
             * Decodes a Document message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Document
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: $protobuf.Reader | Uint8Array, length?: number): google.events.cloud.firestore.v1.Document;
          }

          /** Properties of a Value. */
          interface IValue {
            /** Value null_value */
            null_value?: google.protobuf.NullValue | null;

            /** Value boolean_value */
            boolean_value?: boolean | null;

            /** Value integer_value */
            integer_value?: number | Long | null;

            /** Value double_value */
            double_value?: number | null;

            /** Value timestamp_value */
            timestamp_value?: google.protobuf.ITimestamp | null;

            /** Value string_value */
            string_value?: string | null;

            /** Value bytes_value */
            bytes_value?: Uint8Array | null;

            /** Value reference_value */
            reference_value?: string | null;

            /** Value geo_point_value */
            geo_point_value?: google.type.ILatLng | null;

            /** Value array_value */
            array_value?: google.events.cloud.firestore.v1.IArrayValue | null;

            /** Value map_value */
            map_value?: google.events.cloud.firestore.v1.IMapValue | null;
          }

          /** Represents a Value. */
          class Value implements IValue {
            /**
             * Constructs a new Value.
             * @param [properties] Properties to set
             */
            constructor(properties?: google.events.cloud.firestore.v1.IValue);

            /** Value null_value. */
            public null_value?: google.protobuf.NullValue | null;

            /** Value boolean_value. */
            public boolean_value?: boolean | null;

            /** Value integer_value. */
            public integer_value?: number | Long | null;

            /** Value double_value. */
            public double_value?: number | null;

            /** Value timestamp_value. */
            public timestamp_value?: google.protobuf.ITimestamp | null;

            /** Value string_value. */
            public string_value?: string | null;

            /** Value bytes_value. */
            public bytes_value?: Uint8Array | null;

            /** Value reference_value. */
            public reference_value?: string | null;

            /** Value geo_point_value. */
            public geo_point_value?: google.type.ILatLng | null;

            /** Value array_value. */
            public array_value?: google.events.cloud.firestore.v1.IArrayValue | null;

            /** Value map_value. */
            public map_value?: google.events.cloud.firestore.v1.IMapValue | null;

            /** Value value_type. */
            public value_type?:
              | "null_value"
              | "boolean_value"
              | "integer_value"
              | "double_value"
              | "timestamp_value"
              | "string_value"
              | "bytes_value"
              | "reference_value"
              | "geo_point_value"
              | "array_value"
              | "map_value";

            /**
             * Decodes a Value message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Value
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: $protobuf.Reader | Uint8Array, length?: number): google.events.cloud.firestore.v1.Value;
          }

          /** Properties of an ArrayValue. */
          interface IArrayValue {
            /** ArrayValue values */
            values?: google.events.cloud.firestore.v1.IValue[] | null;
          }

          /** Represents an ArrayValue. */
          class ArrayValue implements IArrayValue {
            /**
             * Constructs a new ArrayValue.
             * @param [properties] Properties to set
             */
            constructor(properties?: google.events.cloud.firestore.v1.IArrayValue);

            /** ArrayValue values. */
            public values: google.events.cloud.firestore.v1.IValue[];

            /**
             * Decodes an ArrayValue message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ArrayValue
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: $protobuf.Reader | Uint8Array, length?: number): google.events.cloud.firestore.v1.ArrayValue;
          }

          /** Properties of a MapValue. */
          interface IMapValue {
            /** MapValue fields */
            fields?: { [k: string]: google.events.cloud.firestore.v1.IValue } | null;
          }

          /** Represents a MapValue. */
          class MapValue implements IMapValue {
            /**
             * Constructs a new MapValue.
             * @param [properties] Properties to set
             */
            constructor(properties?: google.events.cloud.firestore.v1.IMapValue);

            /** MapValue fields. */
            public fields: { [k: string]: google.events.cloud.firestore.v1.IValue };

            /**
             * Decodes a MapValue message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns MapValue
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: $protobuf.Reader | Uint8Array, length?: number): google.events.cloud.firestore.v1.MapValue;
          }
        }
      }
    }
  }

  /** Namespace type. */
  namespace type {
    /** Properties of a LatLng. */
    interface ILatLng {
      /** LatLng latitude */
      latitude?: number | null;

      /** LatLng longitude */
      longitude?: number | null;
    }

    /** Represents a LatLng. */
    class LatLng implements ILatLng {
      /**
       * Constructs a new LatLng.
       * @param [properties] Properties to set
       */
      constructor(properties?: google.type.ILatLng);

      /** LatLng latitude. */
      public latitude: number;

      /** LatLng longitude. */
      public longitude: number;

      /**
       * Decodes a LatLng message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns LatLng
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      public static decode(reader: $protobuf.Reader | Uint8Array, length?: number): google.type.LatLng;
    }
  }
}
