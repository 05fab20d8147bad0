// Usage: node run_model.js MODEL.onnx INPUTS.json [DIMS]
// INPUTS.json holds rows of numbers ([[x, ...], ...]); prints the model's "outputs" as rows
// of numbers in JSON, so the tests compare ONNX Runtime's results with ConvNEAT's own.
// The input tensor is [rows, columns], or [rows, ...DIMS] when DIMS (comma-separated, e.g.
// 2,9,9 for images of 2 channels of 9 × 9 in CHW order) gives the shape of one row.
// A model with state (inputs "inputs" and "state", outputs "outputs" and "next_state") is run
// as its user loops it: INPUTS.json is then {"calls": [ROWS, ROWS, ...], "state_width": S},
// the state starts at 0 and each call's next_state feeds the next call, and the printed rows
// are every call's outputs, call after call.
'use strict';
const fs = require('fs');
const ort = require('onnxruntime-node');

function tensor(rows, rowShape) {
  return new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, ...rowShape]);
}

function rowsOf(output) {
  const width = output.dims[1];
  const values = Array.from(output.data);
  const out = [];
  for (let r = 0; r < output.dims[0]; ++r) out.push(values.slice(r * width, (r + 1) * width));
  return out;
}

async function main() {
  const [modelPath, inputsPath, dims] = process.argv.slice(2);
  if (!modelPath || !inputsPath) throw new Error('usage: node run_model.js MODEL.onnx INPUTS.json [DIMS]');
  const given = JSON.parse(fs.readFileSync(inputsPath, 'utf8'));
  const session = await ort.InferenceSession.create(modelPath);
  const stateful = session.inputNames.includes('state');
  const calls = stateful ? given.calls : [given];
  const first = calls[0];
  const rowShape = dims ? dims.split(',').map(Number) : [first.length ? first[0].length : 0];
  let state = stateful ? new ort.Tensor('float32', new Float32Array(first.length * given.state_width),
                                        [first.length, given.state_width]) : null;
  const out = [];
  for (const rows of calls) {
    const feeds = { inputs: tensor(rows, rowShape) };
    if (stateful) feeds.state = state;
    const result = await session.run(feeds);
    out.push(...rowsOf(result.outputs));
    if (stateful) state = result.next_state;
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((error) => {
  process.stderr.write(`run_model.js: ${error.message}\n`);
  process.exit(1);
});
