// Usage: node run_model.js MODEL.onnx INPUTS.json [DIMS]
// INPUTS.json holds rows of numbers ([[x, ...], ...]); prints the model's "outputs" as rows
// of numbers in JSON, so the tests compare ONNX Runtime's results with ConvNEAT's own.
// The input tensor is [rows, columns], or [rows, ...DIMS] when DIMS (comma-separated, e.g.
// 2,9,9 for images of 2 channels of 9 × 9 in CHW order) gives the shape of one row.
'use strict';
const fs = require('fs');
const ort = require('onnxruntime-node');

async function main() {
  const [modelPath, inputsPath, dims] = process.argv.slice(2);
  if (!modelPath || !inputsPath) throw new Error('usage: node run_model.js MODEL.onnx INPUTS.json [DIMS]');
  const rows = JSON.parse(fs.readFileSync(inputsPath, 'utf8'));
  const columns = rows.length ? rows[0].length : 0;
  const rowShape = dims ? dims.split(',').map(Number) : [columns];
  const session = await ort.InferenceSession.create(modelPath);
  const input = new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, ...rowShape]);
  const result = await session.run({ inputs: input });
  const output = result.outputs;
  const width = output.dims[1];
  const values = Array.from(output.data);
  const out = [];
  for (let r = 0; r < output.dims[0]; ++r) out.push(values.slice(r * width, (r + 1) * width));
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((error) => {
  process.stderr.write(`run_model.js: ${error.message}\n`);
  process.exit(1);
});
