#!/usr/bin/env node
// Runs RP2040 firmware (the mpc `pico` runtime) in the rp2040js emulator.
//
//   node run.mjs FIRMWARE [--image IMAGE.mpci] [--timeout-ms N]
//                [--max-instructions N] [--skip-boot2] [--no-semihosting]
//                [--stats] [--verbose]
//
// FIRMWARE is an ELF (its PT_LOAD segments are written to flash at their
// physical addresses), a UF2, or a raw `.bin` loaded at 0x10000000.
// `--image` writes a Python image file raw at 0x10080000, the `pico`
// board's image region (targets/boards.toml).
//
// rp2040js has no boot ROM, so this script does what the ROM would: it
// checks boot2's CRC, copies it to the top of SRAM and runs it with lr = 0,
// so boot2 ends by vectoring through the table at 0x10000100. Without
// boot2 (or with --skip-boot2) it sets VTOR, SP and PC from that table.
//
// UART0's output goes to stdout raw, as it arrives (the runtime writes
// "\r\n"). Semihosting (BKPT 0xAB) is served: SYS_OPEN of ":tt",
// SYS_WRITE, SYS_EXIT and SYS_EXIT_EXTENDED; any other call returns -1.
// The run's exit status becomes this process's exit code. With
// --no-semihosting the core behaves as on a board with no debugger: a
// breakpoint raises HardFault.
//
// Exit codes besides the program's own: 124 timeout or instruction limit,
// 125 the emulation stopped (a breakpoint other than semihosting, the core
// asleep with nothing to wake it, an access to unmapped memory, or, for an
// ELF, the stack growing below its `_stack_end`), 2 bad usage or input. `--stats` reports instructions, cycles, speed
// and the deepest the stack went.

import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FLASH_BASE = 0x10000000;
const FLASH_SIZE = 16 * 1024 * 1024; // the window rp2040js maps
const IMAGE_BASE = 0x10080000;
const IMAGE_SIZE = 0x180000;
const VECTOR_TABLE = 0x10000100;
const SRAM_BASE = 0x20000000;
const SRAM_END = 0x20042000;

const EXIT_TIMEOUT = 124;
const EXIT_STOPPED = 125;
const EXIT_USAGE = 2;

const USAGE = `usage: node run.mjs FIRMWARE(.elf|.uf2|.bin) [--image IMAGE.mpci]
       [--timeout-ms N] [--max-instructions N] [--skip-boot2]
       [--no-semihosting] [--stats] [--verbose]`;

class UsageError extends Error {}

function parseArgs(argv) {
  const opts = {
    firmware: null,
    image: null,
    timeoutMs: 60_000,
    maxInstructions: Infinity,
    skipBoot2: false,
    semihosting: true,
    stats: false,
    verbose: false,
  };
  const number = (flag, value) => {
    const n = Number(value);
    if (value === undefined || !Number.isFinite(n) || n <= 0) {
      throw new UsageError(`${flag} takes a positive number`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--image':
        opts.image = argv[++i];
        if (opts.image === undefined) throw new UsageError('--image takes a file');
        break;
      case '--timeout-ms':
        opts.timeoutMs = number(a, argv[++i]);
        break;
      case '--max-instructions':
        opts.maxInstructions = number(a, argv[++i]);
        break;
      case '--skip-boot2':
        opts.skipBoot2 = true;
        break;
      case '--no-semihosting':
        opts.semihosting = false;
        break;
      case '--stats':
        opts.stats = true;
        break;
      case '--verbose':
        opts.verbose = true;
        break;
      case '-h':
      case '--help':
        process.stdout.write(USAGE + '\n');
        process.exit(0);
        break;
      default:
        if (a.startsWith('-') || opts.firmware !== null) {
          throw new UsageError(`unexpected argument: ${a}`);
        }
        opts.firmware = a;
    }
  }
  if (opts.firmware === null) throw new UsageError('no firmware given');
  return opts;
}

/** rp2040js, or a clear message when `npm ci` has not been run here. */
async function loadEmulator() {
  try {
    return await import('rp2040js');
  } catch (e) {
    if (e && e.code === 'ERR_MODULE_NOT_FOUND') {
      const here = dirname(fileURLToPath(import.meta.url));
      process.stderr.write(
        `run.mjs: the rp2040js package is not installed (no ${join(here, 'node_modules')}).\n` +
          `Install it once with: (cd ${here} && npm ci)\n`,
      );
      process.exit(EXIT_USAGE);
    }
    throw e;
  }
}

// ---- Loading ----------------------------------------------------------

/** Flash writes as [address, bytes] pairs, from an ELF's PT_LOAD segments. */
function elfSegments(buf, name) {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf[4] !== 1 || buf[5] !== 1) {
    throw new UsageError(`${name}: not a 32-bit little-endian ELF`);
  }
  const phoff = dv.getUint32(0x1c, true);
  const phentsize = dv.getUint16(0x2a, true);
  const phnum = dv.getUint16(0x2c, true);
  if (phentsize < 32 || phoff + phnum * phentsize > buf.length) {
    throw new UsageError(`${name}: bad program header table`);
  }
  const out = [];
  for (let i = 0; i < phnum; i++) {
    const ph = phoff + i * phentsize;
    const type = dv.getUint32(ph, true);
    const offset = dv.getUint32(ph + 4, true);
    const paddr = dv.getUint32(ph + 12, true);
    const filesz = dv.getUint32(ph + 16, true);
    if (type !== 1 /* PT_LOAD */ || filesz === 0) continue;
    if (offset + filesz > buf.length) {
      throw new UsageError(`${name}: segment ${i} lies outside the file`);
    }
    out.push([paddr, buf.subarray(offset, offset + filesz)]);
  }
  return out;
}

/** The values of the symbols named in `wanted` from an ELF's symbol table. */
function elfSymbols(buf, wanted) {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const found = {};
  const shoff = dv.getUint32(0x20, true);
  const shentsize = dv.getUint16(0x2e, true);
  const shnum = dv.getUint16(0x30, true);
  if (shoff === 0 || shentsize < 40 || shoff + shnum * shentsize > buf.length) return found;
  const section = (i) => {
    const sh = shoff + i * shentsize;
    return {
      type: dv.getUint32(sh + 4, true),
      offset: dv.getUint32(sh + 16, true),
      size: dv.getUint32(sh + 20, true),
      link: dv.getUint32(sh + 24, true),
    };
  };
  for (let i = 0; i < shnum; i++) {
    const symtab = section(i);
    if (symtab.type !== 2 /* SHT_SYMTAB */ || symtab.link >= shnum) continue;
    const strtab = section(symtab.link);
    const end = Math.min(symtab.offset + symtab.size, buf.length);
    for (let sym = symtab.offset; sym + 16 <= end; sym += 16) {
      const nameAt = strtab.offset + dv.getUint32(sym, true);
      if (nameAt >= buf.length) continue;
      const nameEnd = buf.indexOf(0, nameAt);
      const name = buf.toString('latin1', nameAt, nameEnd < 0 ? buf.length : nameEnd);
      if (wanted.includes(name)) found[name] = dv.getUint32(sym + 4, true);
    }
  }
  return found;
}

/** Flash writes from a UF2 file's 512-byte blocks. */
function uf2Blocks(buf, name) {
  if (buf.length % 512 !== 0) throw new UsageError(`${name}: UF2 size is not a multiple of 512`);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out = [];
  for (let b = 0; b < buf.length; b += 512) {
    const ok =
      dv.getUint32(b, true) === 0x0a324655 &&
      dv.getUint32(b + 4, true) === 0x9e5d5157 &&
      dv.getUint32(b + 508, true) === 0x0ab16f30;
    if (!ok) throw new UsageError(`${name}: bad UF2 block at offset ${b}`);
    const flags = dv.getUint32(b + 8, true);
    if (flags & 1) continue; // "not main flash"
    const addr = dv.getUint32(b + 12, true);
    const size = dv.getUint32(b + 16, true);
    if (size > 476) throw new UsageError(`${name}: UF2 block at offset ${b} claims ${size} bytes`);
    out.push([addr, buf.subarray(b + 32, b + 32 + size)]);
  }
  return out;
}

/**
 * The firmware file's flash writes and, from an ELF, the bottom of its
 * stack: cortex-m-rt's `_stack_end` (the mpc runtimes put it at the start
 * of RAM, below the statics and the heap).
 */
function loadFirmware(path) {
  const buf = readFileSync(path);
  const name = basename(path);
  if (buf.length >= 4 && buf.readUInt32BE(0) === 0x7f454c46) {
    const writes = elfSegments(buf, name);
    return { writes, symbols: elfSymbols(buf, ['_stack_end']) };
  }
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x0a324655) {
    return { writes: uf2Blocks(buf, name), symbols: {} };
  }
  if (name.endsWith('.bin')) return { writes: [[FLASH_BASE, buf]], symbols: {} };
  throw new UsageError(`${name}: not an ELF, UF2 or .bin file`);
}

function writeFlash(rp2040, addr, bytes, what) {
  if (addr < FLASH_BASE || addr + bytes.length > FLASH_BASE + FLASH_SIZE) {
    throw new UsageError(
      `${what}: ${bytes.length} bytes at 0x${addr.toString(16)} are not in flash`,
    );
  }
  rp2040.flash.set(bytes, addr - FLASH_BASE);
}

/** CRC-32/MPEG-2, the boot ROM's check of boot2. */
function crc32Mpeg2(bytes) {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b << 24;
    for (let k = 0; k < 8; k++) {
      crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    }
  }
  return crc >>> 0;
}

/** Starts the core as the boot ROM would. */
function boot(rp2040, skipBoot2) {
  const { core, flash } = rp2040;
  const boot2 = flash.subarray(0, 256);
  const present = boot2.some((b) => b !== 0xff);
  if (present && !skipBoot2) {
    const dv = new DataView(boot2.buffer, boot2.byteOffset, 256);
    if (crc32Mpeg2(boot2.subarray(0, 252)) !== dv.getUint32(252, true)) {
      throw new UsageError(
        'boot2 (the first 256 bytes of flash) fails its CRC: the boot ROM would not run it',
      );
    }
    // The ROM copies boot2 to the last 256 bytes of SRAM, puts the stack
    // just below it and calls it with lr = 0, which tells boot2 to vector
    // into flash when done.
    const base = SRAM_END - 256;
    rp2040.sram.set(boot2, base - SRAM_BASE);
    core.SP = base;
    core.LR = 0;
    core.PC = base;
    return 'boot2';
  }
  core.VTOR = VECTOR_TABLE;
  core.SP = rp2040.readUint32(VECTOR_TABLE);
  core.PC = rp2040.readUint32(VECTOR_TABLE + 4) & ~1;
  return 'vector table';
}

// ---- Output -----------------------------------------------------------

/** Keeps stdout and stderr in the order the firmware wrote them. */
class Output {
  constructor() {
    this.pending = [];
  }
  uartByte(b) {
    this.pending.push(b);
  }
  flushUart() {
    if (this.pending.length) {
      process.stdout.write(Buffer.from(this.pending));
      this.pending = [];
    }
  }
  write(stream, bytes) {
    this.flushUart();
    stream.write(bytes);
  }
}

// ---- Semihosting ------------------------------------------------------

const SYS_OPEN = 0x01;
const SYS_WRITE = 0x05;
const SYS_EXIT = 0x18;
const SYS_EXIT_EXTENDED = 0x20;
const ADP_STOPPED_APPLICATION_EXIT = 0x20026;
const EXC_HARDFAULT = 3;

// Handles for ":tt", by open mode: 0-3 read (stdin), 4-7 write (stdout),
// 8-11 append (stderr).
const HANDLE_STDIN = 1;
const HANDLE_STDOUT = 2;
const HANDLE_STDERR = 3;

function readBytes(rp2040, addr, len) {
  const out = Buffer.alloc(len);
  for (let i = 0; i < len; i++) out[i] = rp2040.readUint8(addr + i);
  return out;
}

/**
 * Serves one semihosting call. Returns `{ exit: status }` when the program
 * ends; otherwise sets r0 to the call's result. The core has already
 * stepped past the BKPT, so execution resumes after it.
 */
function semihost(rp2040, output) {
  const { core } = rp2040;
  const op = core.registers[0] >>> 0;
  const arg = core.registers[1] >>> 0;
  const word = (i) => rp2040.readUint32(arg + 4 * i) >>> 0;
  let result = -1;
  switch (op) {
    case SYS_OPEN: {
      const name = readBytes(rp2040, word(0), word(2)).toString('latin1');
      const mode = word(1);
      if (name === ':tt') {
        result = mode < 4 ? HANDLE_STDIN : mode < 8 ? HANDLE_STDOUT : HANDLE_STDERR;
      }
      break;
    }
    case SYS_WRITE: {
      const handle = word(0);
      const len = word(2);
      if (handle === HANDLE_STDOUT || handle === HANDLE_STDERR) {
        const stream = handle === HANDLE_STDOUT ? process.stdout : process.stderr;
        output.write(stream, readBytes(rp2040, word(1), len));
        result = 0; // bytes not written
      } else {
        result = len;
      }
      break;
    }
    case SYS_EXIT:
      // On 32-bit ARM, r1 holds the reason itself.
      return { exit: arg === ADP_STOPPED_APPLICATION_EXIT ? 0 : 1 };
    case SYS_EXIT_EXTENDED:
      return { exit: word(0) === ADP_STOPPED_APPLICATION_EXIT ? word(1) | 0 : 1 };
  }
  core.registers[0] = result >>> 0;
  return null;
}

// ---- Running ----------------------------------------------------------

function hex(n) {
  return '0x' + (n >>> 0).toString(16).padStart(8, '0');
}

/** rp2040js's own log goes to stderr (its default logger uses stdout). */
function stderrLogger(verbose) {
  const line = (level, component, message) =>
    process.stderr.write(`rp2040js: ${level} [${component}] ${message}\n`);
  return {
    debug: () => {},
    info: (c, m) => verbose && line('info', c, m),
    warn: (c, m) => {
      // A real chip faults on these; rp2040js reads 0xffffffff or drops
      // the write and carries on.
      if (/^(Read from invalid memory|Write to undefined) address/.test(m)) {
        throw new Error(`[${c}] ${m}`);
      }
      if (verbose) line('warning', c, m);
    },
    error: (c, m) => {
      line('error', c, m);
      throw new Error(`[${c}] ${m}`);
    },
  };
}

/**
 * A pin with nothing attached: the level the pad sees is what the pin
 * drives, or its pull. rp2040js leaves input levels to the embedder.
 */
function wirePins(rp2040, GPIOPinState) {
  for (const pin of rp2040.gpio) {
    pin.addListener((state) => {
      if (state === GPIOPinState.High || state === GPIOPinState.InputPullUp) {
        pin.setInputValue(true);
      } else if (state === GPIOPinState.Low || state === GPIOPinState.InputPullDown) {
        pin.setInputValue(false);
      }
    });
  }
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`run.mjs: ${e.message}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const { RP2040, GPIOPinState } = await loadEmulator();

  const rp2040 = new RP2040();
  rp2040.logger = stderrLogger(opts.verbose);
  let started;
  let symbols;
  try {
    const firmware = loadFirmware(opts.firmware);
    symbols = firmware.symbols;
    for (const [addr, bytes] of firmware.writes) {
      writeFlash(rp2040, addr, bytes, basename(opts.firmware));
    }
    if (opts.image !== null) {
      const image = readFileSync(opts.image);
      if (image.length > IMAGE_SIZE) {
        throw new UsageError(
          `${basename(opts.image)}: ${image.length} bytes, more than the ${IMAGE_SIZE}-byte image region`,
        );
      }
      writeFlash(rp2040, IMAGE_BASE, image, basename(opts.image));
    }
    started = boot(rp2040, opts.skipBoot2);
  } catch (e) {
    // Bad input, or a file that cannot be read.
    if (!(e instanceof UsageError) && e.syscall === undefined) throw e;
    process.stderr.write(`run.mjs: ${e.message}\n`);
    return EXIT_USAGE;
  }
  if (opts.verbose) process.stderr.write(`run.mjs: starting from ${started}\n`);

  const output = new Output();
  rp2040.uart[0].onByte = (b) => output.uartByte(b);
  wirePins(rp2040, GPIOPinState);

  const { core, clock } = rp2040;
  let outcome = null; // { exit } or { stop: message }
  rp2040.onBreak = (code) => {
    // The core has already stepped past the instruction.
    const pc = core.PC - core.breakRewind;
    const bkpt = core.breakRewind === 2 && rp2040.readUint16(pc) >> 8 === 0xbe;
    if (bkpt && code === 0xab && opts.semihosting) {
      outcome = semihost(rp2040, output);
    } else if (!opts.semihosting) {
      // No debugger: BKPT and UDF fault, with the stacked PC on the
      // instruction itself.
      core.PC = pc;
      core.exceptionEntry(EXC_HARDFAULT);
    } else {
      outcome = { stop: `stopped at ${bkpt ? 'BKPT' : 'UDF'} #${code} (pc=${hex(pc)})` };
    }
  };

  // Simulated time follows clk_sys as the firmware sets it.
  let nanosPerCycle = 1e9 / rp2040.clkSys;
  rp2040.addClockListener((hz) => {
    nanosPerCycle = 1e9 / hz;
  });

  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const elapsedMs = () => Number(process.hrtime.bigint() - start) / 1e6;
  let instructions = 0;
  // The lowest the stack got since the vector table's SP took over. Below
  // `_stack_end` it would be overwriting something else (or, at the start
  // of RAM, leaving it), so the run stops there.
  const stackTop = rp2040.readUint32(VECTOR_TABLE) >>> 0;
  let lowestSp = stackTop;
  const stackLimit = symbols._stack_end ?? 0;
  const CHUNK = 50_000;
  const step = () => {
    const limit = Math.min(instructions + CHUNK, opts.maxInstructions);
    while (outcome === null && instructions < limit) {
      if (core.waiting) {
        // Asleep (WFI/WFE): skip to the next timer event. Interrupts wake
        // the core as they are raised; with no event left, nothing will.
        const nanos = clock.nanosToNextAlarm;
        clock.tick(nanos);
        if (core.waiting && nanos === 0 && clock.nanosToNextAlarm === 0) {
          outcome = {
            stop: `the core sleeps (WFI/WFE before pc=${hex(core.PC)}) with nothing to wake it`,
          };
        }
        continue;
      }
      clock.tick(core.executeInstruction() * nanosPerCycle);
      instructions++;
      const sp = core.registers[13] >>> 0;
      if (sp < lowestSp) {
        lowestSp = sp;
        if (sp < stackLimit) {
          outcome = {
            stop:
              `stack overflow at pc=${hex(core.PC)}: sp=${hex(sp)} is below ` +
              `the ${stackTop - stackLimit}-byte stack (_stack_end=${hex(stackLimit)})`,
          };
        }
      }
    }
  };
  while (outcome === null) {
    try {
      step();
    } catch (e) {
      // rp2040js's own errors (an unaligned access, say) stop the run.
      outcome = { stop: `emulation error at pc=${hex(core.PC)}: ${e.message}` };
    }
    output.flushUart();
    if (outcome !== null) break;
    if (instructions >= opts.maxInstructions) {
      outcome = { timeout: `stopped after ${instructions} instructions (--max-instructions)` };
    } else if (elapsedMs() > opts.timeoutMs) {
      outcome = { timeout: `timed out after ${opts.timeoutMs} ms (--timeout-ms)` };
    }
  }
  output.flushUart();

  if (opts.stats) {
    const ms = elapsedMs();
    const cpu = process.cpuUsage(cpuStart);
    const cpuMs = (cpu.user + cpu.system) / 1e3;
    process.stderr.write(
      `run.mjs: ${instructions} instructions, ${core.cycles} cycles, ` +
        `${(clock.nanos / 1e6).toFixed(3)} ms simulated at ${rp2040.clkSys / 1e6} MHz; ` +
        `${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU, ` +
        `${(instructions / cpuMs / 1e3).toFixed(1)} M instructions per CPU second; ` +
        `stack ${stackTop - lowestSp} bytes deep at most\n`,
    );
  }
  if ('exit' in outcome) return outcome.exit & 0xff;
  if ('timeout' in outcome) {
    process.stderr.write(`run.mjs: ${outcome.timeout}\n`);
    return EXIT_TIMEOUT;
  }
  process.stderr.write(`run.mjs: ${outcome.stop}\n`);
  return EXIT_STOPPED;
}

// A reader that stops early (`| head`) is not an error of the run.
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE') throw e;
});
process.exitCode = await main();
