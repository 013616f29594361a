/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars*/
import * as $protobuf from "protobufjs/minimal";

// Common aliases
const $Reader = $protobuf.Reader, $util = $protobuf.util;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const google = $root.google = (() => {

    /**
     * Namespace google.
     * @exports google
     * @namespace
     */
    const google = {};

    google.protobuf = (function() {

        /**
         * Namespace protobuf.
         * @memberof google
         * @namespace
         */
        const protobuf = {};

        protobuf.Struct = (function() {

            /**
             * Properties of a Struct.
             * @memberof google.protobuf
             * @interface IStruct
             * @property {Object.<string,google.protobuf.IValue>|null} [fields] Struct fields
             */

            /**
             * Constructs a new Struct.
             * @memberof google.protobuf
             * @classdesc Represents a Struct.
             * @implements IStruct
             * @constructor
             * @param {google.protobuf.IStruct=} [properties] Properties to set
             */
            function Struct(properties) {
                this.fields = {};
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Struct fields.
             * @member {Object.<string,google.protobuf.IValue>} fields
             * @memberof google.protobuf.Struct
             * @instance
             */
            Struct.prototype.fields = $util.emptyObject;

            /**
             * Decodes a Struct message from the specified reader or buffer.
             * @function decode
             * @memberof google.protobuf.Struct
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {google.protobuf.Struct} Struct
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Struct.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message, key, value;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.google.protobuf.Struct();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            if (message.fields === $util.emptyObject)
                                message.fields = {};
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = null;
                            while (reader.pos < end2) {
                                let tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = $root.google.protobuf.Value.decode(reader, reader.uint32(), undefined, long + 1);
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.fields, key);
                            message.fields[key] = value;
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            return Struct;
        })();

        protobuf.Value = (function() {

            /**
             * Properties of a Value.
             * @memberof google.protobuf
             * @interface IValue
             * @property {google.protobuf.NullValue|null} [nullValue] Value nullValue
             * @property {number|null} [numberValue] Value numberValue
             * @property {string|null} [stringValue] Value stringValue
             * @property {boolean|null} [boolValue] Value boolValue
             * @property {google.protobuf.IStruct|null} [structValue] Value structValue
             * @property {google.protobuf.IListValue|null} [listValue] Value listValue
             */

            /**
             * Constructs a new Value.
             * @memberof google.protobuf
             * @classdesc Represents a Value.
             * @implements IValue
             * @constructor
             * @param {google.protobuf.IValue=} [properties] Properties to set
             */
            function Value(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Value nullValue.
             * @member {google.protobuf.NullValue|null|undefined} nullValue
             * @memberof google.protobuf.Value
             * @instance
             */
            Value.prototype.nullValue = null;

            /**
             * Value numberValue.
             * @member {number|null|undefined} numberValue
             * @memberof google.protobuf.Value
             * @instance
             */
            Value.prototype.numberValue = null;

            /**
             * Value stringValue.
             * @member {string|null|undefined} stringValue
             * @memberof google.protobuf.Value
             * @instance
             */
            Value.prototype.stringValue = null;

            /**
             * Value boolValue.
             * @member {boolean|null|undefined} boolValue
             * @memberof google.protobuf.Value
             * @instance
             */
            Value.prototype.boolValue = null;

            /**
             * Value structValue.
             * @member {google.protobuf.IStruct|null|undefined} structValue
             * @memberof google.protobuf.Value
             * @instance
             */
            Value.prototype.structValue = null;

            /**
             * Value listValue.
             * @member {google.protobuf.IListValue|null|undefined} listValue
             * @memberof google.protobuf.Value
             * @instance
             */
            Value.prototype.listValue = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Value kind.
             * @member {"nullValue"|"numberValue"|"stringValue"|"boolValue"|"structValue"|"listValue"|undefined} kind
             * @memberof google.protobuf.Value
             * @instance
             */
            Object.defineProperty(Value.prototype, "kind", {
                get: $util.oneOfGetter($oneOfFields = ["nullValue", "numberValue", "stringValue", "boolValue", "structValue", "listValue"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Decodes a Value message from the specified reader or buffer.
             * @function decode
             * @memberof google.protobuf.Value
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {google.protobuf.Value} Value
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Value.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.google.protobuf.Value();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.nullValue = reader.int32();
                            break;
                        }
                    case 2: {
                            message.numberValue = reader.double();
                            break;
                        }
                    case 3: {
                            message.stringValue = reader.string();
                            break;
                        }
                    case 4: {
                            message.boolValue = reader.bool();
                            break;
                        }
                    case 5: {
                            message.structValue = $root.google.protobuf.Struct.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 6: {
                            message.listValue = $root.google.protobuf.ListValue.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            return Value;
        })();

        /**
         * NullValue enum.
         * @name google.protobuf.NullValue
         * @enum {number}
         * @property {number} NULL_VALUE=0 NULL_VALUE value
         */
        protobuf.NullValue = (function() {
            const valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "NULL_VALUE"] = 0;
            return values;
        })();

        protobuf.ListValue = (function() {

            /**
             * Properties of a ListValue.
             * @memberof google.protobuf
             * @interface IListValue
             * @property {Array.<google.protobuf.IValue>|null} [values] ListValue values
             */

            /**
             * Constructs a new ListValue.
             * @memberof google.protobuf
             * @classdesc Represents a ListValue.
             * @implements IListValue
             * @constructor
             * @param {google.protobuf.IListValue=} [properties] Properties to set
             */
            function ListValue(properties) {
                this.values = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * ListValue values.
             * @member {Array.<google.protobuf.IValue>} values
             * @memberof google.protobuf.ListValue
             * @instance
             */
            ListValue.prototype.values = $util.emptyArray;

            /**
             * Decodes a ListValue message from the specified reader or buffer.
             * @function decode
             * @memberof google.protobuf.ListValue
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {google.protobuf.ListValue} ListValue
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ListValue.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.google.protobuf.ListValue();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            if (!(message.values && message.values.length))
                                message.values = [];
                            message.values.push($root.google.protobuf.Value.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            return ListValue;
        })();

        protobuf.Timestamp = (function() {

            /**
             * Properties of a Timestamp.
             * @memberof google.protobuf
             * @interface ITimestamp
             * @property {number|Long|null} [seconds] Timestamp seconds
             * @property {number|null} [nanos] Timestamp nanos
             */

            /**
             * Constructs a new Timestamp.
             * @memberof google.protobuf
             * @classdesc Represents a Timestamp.
             * @implements ITimestamp
             * @constructor
             * @param {google.protobuf.ITimestamp=} [properties] Properties to set
             */
            function Timestamp(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Timestamp seconds.
             * @member {number|Long} seconds
             * @memberof google.protobuf.Timestamp
             * @instance
             */
            Timestamp.prototype.seconds = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Timestamp nanos.
             * @member {number} nanos
             * @memberof google.protobuf.Timestamp
             * @instance
             */
            Timestamp.prototype.nanos = 0;

            /**
             * Decodes a Timestamp message from the specified reader or buffer.
             * @function decode
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {google.protobuf.Timestamp} Timestamp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Timestamp.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.google.protobuf.Timestamp();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.seconds = reader.int64();
                            break;
                        }
                    case 2: {
                            message.nanos = reader.int32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            return Timestamp;
        })();

        return protobuf;
    })();

    google.events = (function() {

        /**
         * Namespace events.
         * @memberof google
         * @namespace
         */
        const events = {};

        events.cloud = (function() {

            /**
             * Namespace cloud.
             * @memberof google.events
             * @namespace
             */
            const cloud = {};

            cloud.firestore = (function() {

                /**
                 * Namespace firestore.
                 * @memberof google.events.cloud
                 * @namespace
                 */
                const firestore = {};

                firestore.v1 = (function() {

                    /**
                     * Namespace v1.
                     * @memberof google.events.cloud.firestore
                     * @namespace
                     */
                    const v1 = {};

                    v1.DocumentEventData = (function() {

                        /**
                         * Properties of a DocumentEventData.
                         * @memberof google.events.cloud.firestore.v1
                         * @interface IDocumentEventData
                         * @property {google.events.cloud.firestore.v1.IDocument|null} [value] DocumentEventData value
                         * @property {google.events.cloud.firestore.v1.IDocument|null} [old_value] DocumentEventData old_value
                         * @property {google.events.cloud.firestore.v1.IDocumentMask|null} [update_mask] DocumentEventData update_mask
                         */

                        /**
                         * Constructs a new DocumentEventData.
                         * @memberof google.events.cloud.firestore.v1
                         * @classdesc Represents a DocumentEventData.
                         * @implements IDocumentEventData
                         * @constructor
                         * @param {google.events.cloud.firestore.v1.IDocumentEventData=} [properties] Properties to set
                         */
                        function DocumentEventData(properties) {
                            if (properties)
                                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                        this[keys[i]] = properties[keys[i]];
                        }

                        /**
                         * DocumentEventData value.
                         * @member {google.events.cloud.firestore.v1.IDocument|null|undefined} value
                         * @memberof google.events.cloud.firestore.v1.DocumentEventData
                         * @instance
                         */
                        DocumentEventData.prototype.value = null;

                        /**
                         * DocumentEventData old_value.
                         * @member {google.events.cloud.firestore.v1.IDocument|null|undefined} old_value
                         * @memberof google.events.cloud.firestore.v1.DocumentEventData
                         * @instance
                         */
                        DocumentEventData.prototype.old_value = null;

                        /**
                         * DocumentEventData update_mask.
                         * @member {google.events.cloud.firestore.v1.IDocumentMask|null|undefined} update_mask
                         * @memberof google.events.cloud.firestore.v1.DocumentEventData
                         * @instance
                         */
                        DocumentEventData.prototype.update_mask = null;

                        /**
                         * Decodes a DocumentEventData message from the specified reader or buffer.
                         * @function decode
                         * @memberof google.events.cloud.firestore.v1.DocumentEventData
                         * @static
                         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                         * @param {number} [length] Message length if known beforehand
                         * @returns {google.events.cloud.firestore.v1.DocumentEventData} DocumentEventData
                         * @throws {Error} If the payload is not a reader or valid buffer
                         * @throws {$protobuf.util.ProtocolError} If required fields are missing
                         */
                        DocumentEventData.decode = function decode(reader, length, error, long) {
                            if (!(reader instanceof $Reader))
                                reader = $Reader.create(reader);
                            if (long === undefined)
                                long = 0;
                            if (long > $Reader.recursionLimit)
                                throw Error("maximum nesting depth exceeded");
                            let end, message;
                            if (length === undefined)
                                end = reader.len;
                            else {
                                end = reader.pos + length;
                                if (end > reader.len)
                                    throw RangeError("index out of range");
                                length = reader.len;
                                reader.len = end;
                            }
                            message = new $root.google.events.cloud.firestore.v1.DocumentEventData();
                            while (reader.pos < end) {
                                let tag = reader.uint32();
                                if (tag === error)
                                    break;
                                switch (tag >>> 3) {
                                case 1: {
                                        message.value = $root.google.events.cloud.firestore.v1.Document.decode(reader, reader.uint32(), undefined, long + 1);
                                        break;
                                    }
                                case 2: {
                                        message.old_value = $root.google.events.cloud.firestore.v1.Document.decode(reader, reader.uint32(), undefined, long + 1);
                                        break;
                                    }
                                case 3: {
                                        message.update_mask = $root.google.events.cloud.firestore.v1.DocumentMask.decode(reader, reader.uint32(), undefined, long + 1);
                                        break;
                                    }
                                default:
                                    reader.skipType(tag & 7, long);
                                    break;
                                }
                            }
                            if (length !== undefined) {
                                if (reader.pos !== end)
                                    throw RangeError("index out of range");
                                reader.len = length;
                            }
                            return message;
                        };

                        return DocumentEventData;
                    })();

                    v1.DocumentMask = (function() {

                        /**
                         * Properties of a DocumentMask.
                         * @memberof google.events.cloud.firestore.v1
                         * @interface IDocumentMask
                         * @property {Array.<string>|null} [field_paths] DocumentMask field_paths
                         */

                        /**
                         * Constructs a new DocumentMask.
                         * @memberof google.events.cloud.firestore.v1
                         * @classdesc Represents a DocumentMask.
                         * @implements IDocumentMask
                         * @constructor
                         * @param {google.events.cloud.firestore.v1.IDocumentMask=} [properties] Properties to set
                         */
                        function DocumentMask(properties) {
                            this.field_paths = [];
                            if (properties)
                                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                        this[keys[i]] = properties[keys[i]];
                        }

                        /**
                         * DocumentMask field_paths.
                         * @member {Array.<string>} field_paths
                         * @memberof google.events.cloud.firestore.v1.DocumentMask
                         * @instance
                         */
                        DocumentMask.prototype.field_paths = $util.emptyArray;

                        /**
                         * Decodes a DocumentMask message from the specified reader or buffer.
                         * @function decode
                         * @memberof google.events.cloud.firestore.v1.DocumentMask
                         * @static
                         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                         * @param {number} [length] Message length if known beforehand
                         * @returns {google.events.cloud.firestore.v1.DocumentMask} DocumentMask
                         * @throws {Error} If the payload is not a reader or valid buffer
                         * @throws {$protobuf.util.ProtocolError} If required fields are missing
                         */
                        DocumentMask.decode = function decode(reader, length, error, long) {
                            if (!(reader instanceof $Reader))
                                reader = $Reader.create(reader);
                            if (long === undefined)
                                long = 0;
                            if (long > $Reader.recursionLimit)
                                throw Error("maximum nesting depth exceeded");
                            let end, message;
                            if (length === undefined)
                                end = reader.len;
                            else {
                                end = reader.pos + length;
                                if (end > reader.len)
                                    throw RangeError("index out of range");
                                length = reader.len;
                                reader.len = end;
                            }
                            message = new $root.google.events.cloud.firestore.v1.DocumentMask();
                            while (reader.pos < end) {
                                let tag = reader.uint32();
                                if (tag === error)
                                    break;
                                switch (tag >>> 3) {
                                case 1: {
                                        if (!(message.field_paths && message.field_paths.length))
                                            message.field_paths = [];
                                        message.field_paths.push(reader.string());
                                        break;
                                    }
                                default:
                                    reader.skipType(tag & 7, long);
                                    break;
                                }
                            }
                            if (length !== undefined) {
                                if (reader.pos !== end)
                                    throw RangeError("index out of range");
                                reader.len = length;
                            }
                            return message;
                        };

                        return DocumentMask;
                    })();

                    v1.Document = (function() {

                        /**
                         * Properties of a Document.
                         * @memberof google.events.cloud.firestore.v1
                         * @interface IDocument
                         * @property {string|null} [name] Document name
                         * @property {Object.<string,google.events.cloud.firestore.v1.IValue>|null} [fields] Document fields
                         * @property {google.protobuf.ITimestamp|null} [create_time] Document create_time
                         * @property {google.protobuf.ITimestamp|null} [update_time] Document update_time
                         */

                        /**
                         * Constructs a new Document.
                         * @memberof google.events.cloud.firestore.v1
                         * @classdesc Represents a Document.
                         * @implements IDocument
                         * @constructor
                         * @param {google.events.cloud.firestore.v1.IDocument=} [properties] Properties to set
                         */
                        function Document(properties) {
                            this.fields = {};
                            if (properties)
                                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                        this[keys[i]] = properties[keys[i]];
                        }

                        /**
                         * Document name.
                         * @member {string} name
                         * @memberof google.events.cloud.firestore.v1.Document
                         * @instance
                         */
                        Document.prototype.name = "";

                        /**
                         * Document fields.
                         * @member {Object.<string,google.events.cloud.firestore.v1.IValue>} fields
                         * @memberof google.events.cloud.firestore.v1.Document
                         * @instance
                         */
                        Document.prototype.fields = $util.emptyObject;

                        /**
                         * Document create_time.
                         * @member {google.protobuf.ITimestamp|null|undefined} create_time
                         * @memberof google.events.cloud.firestore.v1.Document
                         * @instance
                         */
                        Document.prototype.create_time = null;

                        /**
                         * Document update_time.
                         * @member {google.protobuf.ITimestamp|null|undefined} update_time
                         * @memberof google.events.cloud.firestore.v1.Document
                         * @instance
                         */
                        Document.prototype.update_time = null;

                        /**
                         * Decodes a Document message from the specified reader or buffer.
                         * @function decode
                         * @memberof google.events.cloud.firestore.v1.Document
                         * @static
                         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                         * @param {number} [length] Message length if known beforehand
                         * @returns {google.events.cloud.firestore.v1.Document} Document
                         * @throws {Error} If the payload is not a reader or valid buffer
                         * @throws {$protobuf.util.ProtocolError} If required fields are missing
                         */
                        Document.decode = function decode(reader, length, error, long) {
                            if (!(reader instanceof $Reader))
                                reader = $Reader.create(reader);
                            if (long === undefined)
                                long = 0;
                            if (long > $Reader.recursionLimit)
                                throw Error("maximum nesting depth exceeded");
                            let end, message, key, value;
                            if (length === undefined)
                                end = reader.len;
                            else {
                                end = reader.pos + length;
                                if (end > reader.len)
                                    throw RangeError("index out of range");
                                length = reader.len;
                                reader.len = end;
                            }
                            message = new $root.google.events.cloud.firestore.v1.Document();
                            while (reader.pos < end) {
                                let tag = reader.uint32();
                                if (tag === error)
                                    break;
                                switch (tag >>> 3) {
                                case 1: {
                                        message.name = reader.string();
                                        break;
                                    }
                                case 2: {
                                        if (message.fields === $util.emptyObject)
                                            message.fields = {};
                                        let end2 = reader.uint32() + reader.pos;
                                        if (end2 > reader.len)
                                            throw RangeError("index out of range");
                                        reader.len = end2;
                                        key = "";
                                        value = null;
                                        while (reader.pos < end2) {
                                            let tag2 = reader.uint32();
                                            switch (tag2 >>> 3) {
                                            case 1:
                                                key = reader.string();
                                                break;
                                            case 2:
                                                value = $root.google.events.cloud.firestore.v1.Value.decode(reader, reader.uint32(), undefined, long + 1);
                                                break;
                                            default:
                                                reader.skipType(tag2 & 7, long);
                                                break;
                                            }
                                        }
                                        if (reader.pos !== end2)
                                            throw RangeError("index out of range");
                                        reader.len = end;
                                        if (key === "__proto__")
                                            $util.makeProp(message.fields, key);
                                        message.fields[key] = value;
                                        break;
                                    }
                                case 3: {
                                        message.create_time = $root.google.protobuf.Timestamp.decode(reader, reader.uint32(), undefined, long + 1);
                                        break;
                                    }
                                case 4: {
                                        message.update_time = $root.google.protobuf.Timestamp.decode(reader, reader.uint32(), undefined, long + 1);
                                        break;
                                    }
                                default:
                                    reader.skipType(tag & 7, long);
                                    break;
                                }
                            }
                            if (length !== undefined) {
                                if (reader.pos !== end)
                                    throw RangeError("index out of range");
                                reader.len = length;
                            }
                            return message;
                        };

                        return Document;
                    })();

                    v1.Value = (function() {

                        /**
                         * Properties of a Value.
                         * @memberof google.events.cloud.firestore.v1
                         * @interface IValue
                         * @property {google.protobuf.NullValue|null} [null_value] Value null_value
                         * @property {boolean|null} [boolean_value] Value boolean_value
                         * @property {number|Long|null} [integer_value] Value integer_value
                         * @property {number|null} [double_value] Value double_value
                         * @property {google.protobuf.ITimestamp|null} [timestamp_value] Value timestamp_value
                         * @property {string|null} [string_value] Value string_value
                         * @property {Uint8Array|null} [bytes_value] Value bytes_value
                         * @property {string|null} [reference_value] Value reference_value
                         * @property {google.type.ILatLng|null} [geo_point_value] Value geo_point_value
                         * @property {google.events.cloud.firestore.v1.IArrayValue|null} [array_value] Value array_value
                         * @property {google.events.cloud.firestore.v1.IMapValue|null} [map_value] Value map_value
                         */

                        /**
                         * Constructs a new Value.
                         * @memberof google.events.cloud.firestore.v1
                         * @classdesc Represents a Value.
                         * @implements IValue
                         * @constructor
                         * @param {google.events.cloud.firestore.v1.IValue=} [properties] Properties to set
                         */
                        function Value(properties) {
                            if (properties)
                                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                        this[keys[i]] = properties[keys[i]];
                        }

                        /**
                         * Value null_value.
                         * @member {google.protobuf.NullValue|null|undefined} null_value
                         * @memberof google.events.cloud.firestore.v1.Value
                         * @instance
                         */
                        Value.prototype.null_value = null;

                        /**
                         * Value boolean_value.
                         * @member {boolean|null|undefined} boolean_value
                         * @memberof google.events.cloud.firestore.v1.Value
                         * @instance
                         */
                        Value.prototype.boolean_value = null;

                        /**
                         * Value integer_value.
                         * @member {number|Long|null|undefined} integer_value
                         * @memberof google.events.cloud.firestore.v1.Value
                         * @instance
                         */
                        Value.prototype.integer_value = null;

                        /**
                         * Value double_value.
                         * @member {number|null|undefined} double_value
                         * @memberof google.events.cloud.firestore.v1.Value
                         * @instance
                         */
                        Value.prototype.double_value = null;

                        /**
                         * Value timestamp_value.
                         * @member {google.protobuf.ITimestamp|null|undefined} timestamp_value
                         * @memberof google.events.cloud.firestore.v1.Value
                         * @instance
                         */
                        Value.prototype.timestamp_value = null;

                        /**
                         * Value string_value.
                         * @member {string|null|undefined} string_value
                         * @memberof google.events.cloud.firestore.v1.Value
                         * @instance
                         */
                        Value.prototype.string_value = null;

                        /**
                         * Value bytes_value.
                         * @member {Uint8Array|null|undefined} bytes_value
                         * @memberof google.events.cloud.firestore.v1.Value
                         * @instance
                         */
                        Value.prototype.bytes_value = null;

                        /**
                         * Value reference_value.
                         * @member {string|null|undefined} reference_value
                         * @memberof google.events.cloud.firestore.v1.Value
                         * @instance
                         */
                        Value.prototype.reference_value = null;

                        /**
                         * Value geo_point_value.
                         * @member {google.type.ILatLng|null|undefined} geo_point_value
                         * @memberof google.events.cloud.firestore.v1.Value
                         * @instance
                         */
                        Value.prototype.geo_point_value = null;

                        /**
                         * Value array_value.
                         * @member {google.events.cloud.firestore.v1.IArrayValue|null|undefined} array_value
                         * @memberof google.events.cloud.firestore.v1.Value
                         * @instance
                         */
                        Value.prototype.array_value = null;

                        /**
                         * Value map_value.
                         * @member {google.events.cloud.firestore.v1.IMapValue|null|undefined} map_value
                         * @memberof google.events.cloud.firestore.v1.Value
                         * @instance
                         */
                        Value.prototype.map_value = null;

                        // OneOf field names bound to virtual getters and setters
                        let $oneOfFields;

                        /**
                         * Value value_type.
                         * @member {"null_value"|"boolean_value"|"integer_value"|"double_value"|"timestamp_value"|"string_value"|"bytes_value"|"reference_value"|"geo_point_value"|"array_value"|"map_value"|undefined} value_type
                         * @memberof google.events.cloud.firestore.v1.Value
                         * @instance
                         */
                        Object.defineProperty(Value.prototype, "value_type", {
                            get: $util.oneOfGetter($oneOfFields = ["null_value", "boolean_value", "integer_value", "double_value", "timestamp_value", "string_value", "bytes_value", "reference_value", "geo_point_value", "array_value", "map_value"]),
                            set: $util.oneOfSetter($oneOfFields)
                        });

                        /**
                         * Decodes a Value message from the specified reader or buffer.
                         * @function decode
                         * @memberof google.events.cloud.firestore.v1.Value
                         * @static
                         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                         * @param {number} [length] Message length if known beforehand
                         * @returns {google.events.cloud.firestore.v1.Value} Value
                         * @throws {Error} If the payload is not a reader or valid buffer
                         * @throws {$protobuf.util.ProtocolError} If required fields are missing
                         */
                        Value.decode = function decode(reader, length, error, long) {
                            if (!(reader instanceof $Reader))
                                reader = $Reader.create(reader);
                            if (long === undefined)
                                long = 0;
                            if (long > $Reader.recursionLimit)
                                throw Error("maximum nesting depth exceeded");
                            let end, message;
                            if (length === undefined)
                                end = reader.len;
                            else {
                                end = reader.pos + length;
                                if (end > reader.len)
                                    throw RangeError("index out of range");
                                length = reader.len;
                                reader.len = end;
                            }
                            message = new $root.google.events.cloud.firestore.v1.Value();
                            while (reader.pos < end) {
                                let tag = reader.uint32();
                                if (tag === error)
                                    break;
                                switch (tag >>> 3) {
                                case 11: {
                                        message.null_value = reader.int32();
                                        break;
                                    }
                                case 1: {
                                        message.boolean_value = reader.bool();
                                        break;
                                    }
                                case 2: {
                                        message.integer_value = reader.int64();
                                        break;
                                    }
                                case 3: {
                                        message.double_value = reader.double();
                                        break;
                                    }
                                case 10: {
                                        message.timestamp_value = $root.google.protobuf.Timestamp.decode(reader, reader.uint32(), undefined, long + 1);
                                        break;
                                    }
                                case 17: {
                                        message.string_value = reader.string();
                                        break;
                                    }
                                case 18: {
                                        message.bytes_value = reader.bytes();
                                        break;
                                    }
                                case 5: {
                                        message.reference_value = reader.string();
                                        break;
                                    }
                                case 8: {
                                        message.geo_point_value = $root.google.type.LatLng.decode(reader, reader.uint32(), undefined, long + 1);
                                        break;
                                    }
                                case 9: {
                                        message.array_value = $root.google.events.cloud.firestore.v1.ArrayValue.decode(reader, reader.uint32(), undefined, long + 1);
                                        break;
                                    }
                                case 6: {
                                        message.map_value = $root.google.events.cloud.firestore.v1.MapValue.decode(reader, reader.uint32(), undefined, long + 1);
                                        break;
                                    }
                                default:
                                    reader.skipType(tag & 7, long);
                                    break;
                                }
                            }
                            if (length !== undefined) {
                                if (reader.pos !== end)
                                    throw RangeError("index out of range");
                                reader.len = length;
                            }
                            return message;
                        };

                        return Value;
                    })();

                    v1.ArrayValue = (function() {

                        /**
                         * Properties of an ArrayValue.
                         * @memberof google.events.cloud.firestore.v1
                         * @interface IArrayValue
                         * @property {Array.<google.events.cloud.firestore.v1.IValue>|null} [values] ArrayValue values
                         */

                        /**
                         * Constructs a new ArrayValue.
                         * @memberof google.events.cloud.firestore.v1
                         * @classdesc Represents an ArrayValue.
                         * @implements IArrayValue
                         * @constructor
                         * @param {google.events.cloud.firestore.v1.IArrayValue=} [properties] Properties to set
                         */
                        function ArrayValue(properties) {
                            this.values = [];
                            if (properties)
                                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                        this[keys[i]] = properties[keys[i]];
                        }

                        /**
                         * ArrayValue values.
                         * @member {Array.<google.events.cloud.firestore.v1.IValue>} values
                         * @memberof google.events.cloud.firestore.v1.ArrayValue
                         * @instance
                         */
                        ArrayValue.prototype.values = $util.emptyArray;

                        /**
                         * Decodes an ArrayValue message from the specified reader or buffer.
                         * @function decode
                         * @memberof google.events.cloud.firestore.v1.ArrayValue
                         * @static
                         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                         * @param {number} [length] Message length if known beforehand
                         * @returns {google.events.cloud.firestore.v1.ArrayValue} ArrayValue
                         * @throws {Error} If the payload is not a reader or valid buffer
                         * @throws {$protobuf.util.ProtocolError} If required fields are missing
                         */
                        ArrayValue.decode = function decode(reader, length, error, long) {
                            if (!(reader instanceof $Reader))
                                reader = $Reader.create(reader);
                            if (long === undefined)
                                long = 0;
                            if (long > $Reader.recursionLimit)
                                throw Error("maximum nesting depth exceeded");
                            let end, message;
                            if (length === undefined)
                                end = reader.len;
                            else {
                                end = reader.pos + length;
                                if (end > reader.len)
                                    throw RangeError("index out of range");
                                length = reader.len;
                                reader.len = end;
                            }
                            message = new $root.google.events.cloud.firestore.v1.ArrayValue();
                            while (reader.pos < end) {
                                let tag = reader.uint32();
                                if (tag === error)
                                    break;
                                switch (tag >>> 3) {
                                case 1: {
                                        if (!(message.values && message.values.length))
                                            message.values = [];
                                        message.values.push($root.google.events.cloud.firestore.v1.Value.decode(reader, reader.uint32(), undefined, long + 1));
                                        break;
                                    }
                                default:
                                    reader.skipType(tag & 7, long);
                                    break;
                                }
                            }
                            if (length !== undefined) {
                                if (reader.pos !== end)
                                    throw RangeError("index out of range");
                                reader.len = length;
                            }
                            return message;
                        };

                        return ArrayValue;
                    })();

                    v1.MapValue = (function() {

                        /**
                         * Properties of a MapValue.
                         * @memberof google.events.cloud.firestore.v1
                         * @interface IMapValue
                         * @property {Object.<string,google.events.cloud.firestore.v1.IValue>|null} [fields] MapValue fields
                         */

                        /**
                         * Constructs a new MapValue.
                         * @memberof google.events.cloud.firestore.v1
                         * @classdesc Represents a MapValue.
                         * @implements IMapValue
                         * @constructor
                         * @param {google.events.cloud.firestore.v1.IMapValue=} [properties] Properties to set
                         */
                        function MapValue(properties) {
                            this.fields = {};
                            if (properties)
                                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                        this[keys[i]] = properties[keys[i]];
                        }

                        /**
                         * MapValue fields.
                         * @member {Object.<string,google.events.cloud.firestore.v1.IValue>} fields
                         * @memberof google.events.cloud.firestore.v1.MapValue
                         * @instance
                         */
                        MapValue.prototype.fields = $util.emptyObject;

                        /**
                         * Decodes a MapValue message from the specified reader or buffer.
                         * @function decode
                         * @memberof google.events.cloud.firestore.v1.MapValue
                         * @static
                         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                         * @param {number} [length] Message length if known beforehand
                         * @returns {google.events.cloud.firestore.v1.MapValue} MapValue
                         * @throws {Error} If the payload is not a reader or valid buffer
                         * @throws {$protobuf.util.ProtocolError} If required fields are missing
                         */
                        MapValue.decode = function decode(reader, length, error, long) {
                            if (!(reader instanceof $Reader))
                                reader = $Reader.create(reader);
                            if (long === undefined)
                                long = 0;
                            if (long > $Reader.recursionLimit)
                                throw Error("maximum nesting depth exceeded");
                            let end, message, key, value;
                            if (length === undefined)
                                end = reader.len;
                            else {
                                end = reader.pos + length;
                                if (end > reader.len)
                                    throw RangeError("index out of range");
                                length = reader.len;
                                reader.len = end;
                            }
                            message = new $root.google.events.cloud.firestore.v1.MapValue();
                            while (reader.pos < end) {
                                let tag = reader.uint32();
                                if (tag === error)
                                    break;
                                switch (tag >>> 3) {
                                case 1: {
                                        if (message.fields === $util.emptyObject)
                                            message.fields = {};
                                        let end2 = reader.uint32() + reader.pos;
                                        if (end2 > reader.len)
                                            throw RangeError("index out of range");
                                        reader.len = end2;
                                        key = "";
                                        value = null;
                                        while (reader.pos < end2) {
                                            let tag2 = reader.uint32();
                                            switch (tag2 >>> 3) {
                                            case 1:
                                                key = reader.string();
                                                break;
                                            case 2:
                                                value = $root.google.events.cloud.firestore.v1.Value.decode(reader, reader.uint32(), undefined, long + 1);
                                                break;
                                            default:
                                                reader.skipType(tag2 & 7, long);
                                                break;
                                            }
                                        }
                                        if (reader.pos !== end2)
                                            throw RangeError("index out of range");
                                        reader.len = end;
                                        if (key === "__proto__")
                                            $util.makeProp(message.fields, key);
                                        message.fields[key] = value;
                                        break;
                                    }
                                default:
                                    reader.skipType(tag & 7, long);
                                    break;
                                }
                            }
                            if (length !== undefined) {
                                if (reader.pos !== end)
                                    throw RangeError("index out of range");
                                reader.len = length;
                            }
                            return message;
                        };

                        return MapValue;
                    })();

                    return v1;
                })();

                return firestore;
            })();

            return cloud;
        })();

        return events;
    })();

    google.type = (function() {

        /**
         * Namespace type.
         * @memberof google
         * @namespace
         */
        const type = {};

        type.LatLng = (function() {

            /**
             * Properties of a LatLng.
             * @memberof google.type
             * @interface ILatLng
             * @property {number|null} [latitude] LatLng latitude
             * @property {number|null} [longitude] LatLng longitude
             */

            /**
             * Constructs a new LatLng.
             * @memberof google.type
             * @classdesc Represents a LatLng.
             * @implements ILatLng
             * @constructor
             * @param {google.type.ILatLng=} [properties] Properties to set
             */
            function LatLng(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * LatLng latitude.
             * @member {number} latitude
             * @memberof google.type.LatLng
             * @instance
             */
            LatLng.prototype.latitude = 0;

            /**
             * LatLng longitude.
             * @member {number} longitude
             * @memberof google.type.LatLng
             * @instance
             */
            LatLng.prototype.longitude = 0;

            /**
             * Decodes a LatLng message from the specified reader or buffer.
             * @function decode
             * @memberof google.type.LatLng
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {google.type.LatLng} LatLng
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LatLng.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.google.type.LatLng();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.latitude = reader.double();
                            break;
                        }
                    case 2: {
                            message.longitude = reader.double();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            return LatLng;
        })();

        return type;
    })();

    return google;
})();

export { $root as default };
