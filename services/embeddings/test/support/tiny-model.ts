import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bytes, int, msg, packedInts, str, type Field } from './protobuf';

/**
 * Groups of words the tiny model embeds to the same direction, so tests can tell a semantic match
 * (a jumper for a sweater) from a keyword one.
 */
const SYNONYMS: string[][] = [
  ['sweater', 'jumper', 'pullover', 'knit'],
  ['warm', 'cozy', 'winter', 'wool'],
  ['lamp', 'light', 'lantern', 'headlamp'],
  ['shoe', 'shoes', 'sneaker', 'sneakers', 'trainers'],
  ['knife', 'blade', 'cutlery'],
  ['mug', 'cup', 'tumbler'],
  ['run', 'runner', 'running', 'jog', 'jogging'],
  ['hike', 'hiking', 'trail', 'trek'],
];

const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const PUNCTUATION = '.,!?\'"-:;()$%&/+'.split('');
const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

/** Hidden size of the tiny model: the same 384 as all-MiniLM-L6-v2, so its vectors fit the same column. */
export const TINY_MODEL_DIMENSIONS = 384;

function vocabulary(): string[] {
  const words = SYNONYMS.flat();
  return [...SPECIALS, ...LETTERS, ...LETTERS.map((l) => `##${l}`), ...PUNCTUATION, ...words];
}

/** A deterministic pseudo-random unit direction per seed string. */
function direction(seed: string): Float32Array {
  const out = new Float32Array(TINY_MODEL_DIMENSIONS);
  let block = Buffer.alloc(0);
  for (let i = 0, counter = 0; i < out.length; i++) {
    if (i % 8 === 0) block = createHash('sha256').update(`${seed}:${counter++}`).digest();
    out[i] = block.readInt32LE((i % 8) * 4) / 2 ** 31;
  }
  const norm = Math.hypot(...out);
  return out.map((v) => v / norm);
}

/** The embedding table: synonyms share a row direction; letters and pieces each get their own. */
function embeddingTable(vocab: string[]): Float32Array {
  const groupOf = new Map(SYNONYMS.flatMap((group, g) => group.map((word) => [word, `group-${g}`] as const)));
  const table = new Float32Array(vocab.length * TINY_MODEL_DIMENSIONS);
  vocab.forEach((token, row) => {
    // Padding contributes nothing; a whole word weighs more than each of the letters a word splits into.
    if (token === '[PAD]') return;
    const group = groupOf.get(token);
    const weight = group ? 4 : 1;
    table.set(
      direction(group ?? token).map((v) => v * weight),
      row * TINY_MODEL_DIMENSIONS,
    );
  });
  return table;
}

// ONNX field numbers (onnx.proto): ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto.
const FLOAT = 1;
const INT64 = 7;

const tensorType = (elemType: number, dims: (number | string)[]): Field =>
  msg(2, msg(1, int(1, elemType), msg(2, ...dims.map((d) => (typeof d === 'number' ? msg(1, int(1, d)) : msg(1, str(2, d)))))));

const valueInfo = (field: number, name: string, elemType: number, dims: (number | string)[]): Field => msg(field, str(1, name), tensorType(elemType, dims));

const node = (op: string, inputs: string[], outputs: string[], ...attributes: Field[]): Field =>
  msg(1, ...inputs.map((i) => str(1, i)), ...outputs.map((o) => str(2, o)), str(3, `${op}_${outputs[0]}`), str(4, op), ...attributes);

const initializer = (name: string, dims: number[], dataType: number, raw: Buffer): Field =>
  msg(5, packedInts(1, dims), int(2, dataType), str(8, name), bytes(9, raw));

/**
 * A BERT-shaped ONNX graph: `last_hidden_state = Gather(embeddings, input_ids) * attention_mask`.
 * Inputs and output have the names and types all-MiniLM-L6-v2's export has, so transformers.js's
 * feature-extraction pipeline runs it exactly as it runs the real model.
 */
function onnxModel(vocabSize: number, table: Float32Array): Buffer {
  const graph = msg(
    7,
    node('Gather', ['embeddings', 'input_ids'], ['token_vectors']),
    node('Cast', ['attention_mask'], ['mask_float'], msg(5, str(1, 'to'), int(3, FLOAT), int(20, 2))),
    node('Unsqueeze', ['mask_float', 'last_axis'], ['mask_column']),
    node('Mul', ['token_vectors', 'mask_column'], ['last_hidden_state']),
    str(2, 'tiny-bert'),
    initializer('embeddings', [vocabSize, TINY_MODEL_DIMENSIONS], FLOAT, Buffer.from(table.buffer, table.byteOffset, table.byteLength)),
    initializer('last_axis', [1], INT64, Buffer.from(new BigInt64Array([2n]).buffer)),
    valueInfo(11, 'input_ids', INT64, ['batch', 'sequence']),
    valueInfo(11, 'attention_mask', INT64, ['batch', 'sequence']),
    valueInfo(11, 'token_type_ids', INT64, ['batch', 'sequence']),
    valueInfo(12, 'last_hidden_state', FLOAT, ['batch', 'sequence', TINY_MODEL_DIMENSIONS]),
  );
  return Buffer.concat([int(1, 7), str(2, 'shopmesh-tests'), graph, msg(8, str(1, ''), int(2, 13))]);
}

function tokenizerJson(vocab: string[]): unknown {
  const id = (token: string) => vocab.indexOf(token);
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((content) => ({ id: id(content), content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((token, i) => [token, i])),
    },
  };
}

/**
 * Writes a tiny BERT-like model (a few hundred KB: ONNX graph, WordPiece tokenizer, configs) in the
 * layout `npm run model:fetch` produces: `<modelsDir>/<name>/{config.json, tokenizer.json,
 * tokenizer_config.json, special_tokens_map.json, onnx/model_quantized.onnx}`. Made at test time,
 * never checked in.
 */
export async function writeTinyModel(modelsDir: string, name = 'all-MiniLM-L6-v2'): Promise<string> {
  const dir = join(modelsDir, name);
  await mkdir(join(dir, 'onnx'), { recursive: true });
  const vocab = vocabulary();
  const specials = { unk_token: '[UNK]', sep_token: '[SEP]', pad_token: '[PAD]', cls_token: '[CLS]', mask_token: '[MASK]' };
  await Promise.all([
    writeFile(join(dir, 'config.json'), JSON.stringify({ word_embedding_dimension: TINY_MODEL_DIMENSIONS, pooling_mode_mean_tokens: true })),
    writeFile(join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocab))),
    writeFile(
      join(dir, 'tokenizer_config.json'),
      JSON.stringify({ do_lower_case: true, tokenizer_class: 'BertTokenizer', model_max_length: 128, ...specials }),
    ),
    writeFile(join(dir, 'special_tokens_map.json'), JSON.stringify(specials)),
    writeFile(join(dir, 'onnx', 'model_quantized.onnx'), onnxModel(vocab.length, embeddingTable(vocab))),
  ]);
  return dir;
}
