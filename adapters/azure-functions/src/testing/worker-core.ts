import { createRequire } from "node:module";

/** The parts of the worker's RPC binding and invocation data this stand-in passes through. */
export interface RpcBinding {
  type: string;
  direction: "in" | "out" | "inout";
  [property: string]: unknown;
}

/** A function the app registered with the worker: its metadata and callback. */
export interface RegisteredFunction {
  metadata: { name: string; bindings: Record<string, RpcBinding>; retryOptions?: unknown };
  callback: (...args: unknown[]) => unknown;
}

/** A value as the host's RPC messages carry it. */
export type RpcTypedData = { string: string } | { json: string } | { bytes: Uint8Array } | { int: number } | { http: Record<string, unknown> };

/** An invocation request as the host sends it over RPC: the inputs, trigger metadata and trace context. */
export interface RpcInvocation {
  inputData: { name: string; data: RpcTypedData }[];
  triggerMetadata?: Record<string, RpcTypedData>;
  traceContext?: { traceParent: string; traceState: string; attributes: Record<string, string> };
}

interface InvocationModel {
  getArguments(): Promise<{ context: unknown; inputs: unknown[] }>;
  invokeFunction(context: unknown, inputs: unknown[], callback: RegisteredFunction["callback"]): Promise<unknown>;
  getResponse(
    context: unknown,
    result: unknown,
  ): Promise<{ returnValue?: RpcTypedData & { http?: { statusCode: string; headers: Record<string, string>; body?: { bytes?: Uint8Array } } } }>;
}

/** The worker's side, in process: the registered functions, an invocation as the worker runs it, the logs. */
export interface WorkerCore {
  registered: Map<string, RegisteredFunction>;
  /** Runs one invocation the way the worker does: the library's InvocationModel, from RPC data to RPC response. */
  invoke(name: string, request: RpcInvocation): ReturnType<InvocationModel["getResponse"]>;
  logs: { level: string; category: string; message: string }[];
}

/**
 * A stand-in for `@azure/functions-core`, the module the Node.js worker builds into `require`
 * (its setupCoreModule does the same Proxy). With it, @azure/functions registers functions as
 * it does on Azure instead of skipping them. Install it before @azure/functions is first loaded.
 */
export function installWorkerCore(): WorkerCore {
  const Module = createRequire(import.meta.url)("node:module") as { prototype: { require: (id: string) => unknown } };
  const registered = new Map<string, RegisteredFunction>();
  const logs: WorkerCore["logs"] = [];
  let programmingModel: { getInvocationModel(coreCtx: unknown): InvocationModel } | undefined;
  const core = {
    version: "3.12.0",
    hostVersion: "4.1040.0",
    setProgrammingModel: (model: typeof programmingModel) => {
      programmingModel = model;
    },
    getProgrammingModel: () => programmingModel,
    registerFunction(metadata: RegisteredFunction["metadata"], callback: RegisteredFunction["callback"]) {
      registered.set(metadata.name, { metadata, callback });
      return { dispose: () => registered.delete(metadata.name) };
    },
    registerHook: () => ({ dispose() {} }),
    log: (level: string, category: string, message: string) => void logs.push({ level, category, message }),
    Disposable: class {
      constructor(private readonly callOnDispose: () => void) {}
      dispose() {
        this.callOnDispose();
      }
    },
  };
  Module.prototype.require = new Proxy(Module.prototype.require, {
    apply: (target, thisArg, args: [string]) => (args[0] === "@azure/functions-core" ? core : Reflect.apply(target, thisArg, args)),
  });

  return {
    registered,
    logs,
    async invoke(name, request) {
      const fn = registered.get(name);
      if (!fn || !programmingModel) throw new Error(`no function ${name} registered with the worker`);
      const model = programmingModel.getInvocationModel({
        invocationId: crypto.randomUUID(),
        request,
        metadata: fn.metadata,
        state: undefined,
        log: (level: string, category: string, message: string) => logs.push({ level, category, message }),
      });
      const { context, inputs } = await model.getArguments();
      const result = await model.invokeFunction(context, inputs, fn.callback);
      return model.getResponse(context, result);
    },
  };
}
