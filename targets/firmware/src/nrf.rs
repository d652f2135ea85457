//! The nRF peripherals the `microbit` (nRF51822) and `nrf52840dk`
//! (nRF52840) runtimes share. Both chips put the same blocks at the same
//! addresses with the same layouts: the legacy UART0, TIMER0, GPIO port 0
//! (the nRF52840 adds port 1 for pins 32-47) and FICR's device id.
//! Registers are written directly: two small drivers are easier to check
//! against the datasheets than two HAL crates, and the same code runs on
//! QEMU's `microbit` machine.

use crate::Board;
use core::marker::PhantomData;
use core::ptr::{read_volatile, write_volatile};
use runtime_core::{PinMode, PinPull};

/// What tells one nRF board from another.
pub trait NrfBoard {
    const NAME: &'static str;
    /// The console's UART TX pin.
    const TX_PIN: u32;
    const LED: u32;
    const PINS: u32;
    const CPU_HZ: u32;
    /// See [`Board::STACK_MARGIN`].
    const STACK_MARGIN: usize = 3 * 1024;
    /// Board-specific set-up after the UART and clock (e.g. LED columns).
    fn init() {}
}

/// Sets up the UART console and the clock, then runs the image.
pub fn run<N: NrfBoard>() -> ! {
    Uart::init(N::TX_PIN);
    N::init();
    let board = Nrf::<N> {
        clock: Clock::start(),
        board: PhantomData,
    };
    crate::run(board, Uart::write)
}

struct Nrf<N: NrfBoard> {
    clock: Clock,
    board: PhantomData<N>,
}

impl<N: NrfBoard> Board for Nrf<N> {
    const NAME: &'static str = N::NAME;
    const STACK_MARGIN: usize = N::STACK_MARGIN;

    fn write(&mut self, bytes: &[u8]) {
        Uart::write(bytes);
    }

    fn ticks_us(&mut self) -> u64 {
        self.clock.now_us()
    }

    fn pin_count(&self) -> u32 {
        N::PINS
    }

    fn led(&self) -> u32 {
        N::LED
    }

    fn pin_init(&mut self, id: u32, mode: PinMode, pull: PinPull) {
        Gpio::init(id, mode, pull);
    }

    fn pin_write(&mut self, id: u32, high: bool) {
        Gpio::write(id, high);
    }

    fn pin_read(&mut self, id: u32) -> bool {
        Gpio::read(id)
    }

    fn cpu_freq(&self) -> u32 {
        N::CPU_HZ
    }

    fn unique_id(&mut self) -> [u8; 8] {
        unique_id()
    }
}

fn reg(base: usize, offset: usize) -> *mut u32 {
    (base + offset) as *mut u32
}

fn write(base: usize, offset: usize, v: u32) {
    // SAFETY: callers pass the base of a peripheral of this chip and an
    // offset of one of its registers; MMIO writes have no other effects on
    // memory Rust knows about.
    unsafe { write_volatile(reg(base, offset), v) }
}

fn read(base: usize, offset: usize) -> u32 {
    // SAFETY: as for `write`.
    unsafe { read_volatile(reg(base, offset)) }
}

const UART0: usize = 0x4000_2000;
const TIMER0: usize = 0x4000_8000;
const P0: usize = 0x5000_0000;
const P1: usize = 0x5000_0300;
const FICR_DEVICEID: usize = 0x1000_0060;

/// The UART console: 115200 baud, 8N1, transmit only.
pub struct Uart;

impl Uart {
    pub fn init(tx_pin: u32) {
        // The TX pin drives high while idle.
        let (port, pin) = port_of(tx_pin);
        write(port, 0x508, 1 << pin); // OUTSET
        write(port, 0x518, 1 << pin); // DIRSET
        write(UART0, 0x50C, tx_pin); // PSELTXD
        write(UART0, 0x524, 0x01D7_E000); // BAUDRATE: 115200
        write(UART0, 0x56C, 0); // CONFIG: no parity, no flow control
        write(UART0, 0x500, 4); // ENABLE
        write(UART0, 0x008, 1); // TASKS_STARTTX
    }

    pub fn write(bytes: &[u8]) {
        crate::write_crlf(bytes, Self::put);
    }

    fn put(b: u8) {
        write(UART0, 0x51C, b as u32); // TXD
        while read(UART0, 0x11C) == 0 {} // EVENTS_TXDRDY
        write(UART0, 0x11C, 0);
    }
}

/// TIMER0 as a free-running 1 MHz, 32-bit counter, widened to 64 bits.
pub struct Clock {
    last: u32,
    high: u32,
}

impl Clock {
    pub fn start() -> Self {
        write(TIMER0, 0x004, 1); // TASKS_STOP
        write(TIMER0, 0x504, 0); // MODE: timer
        write(TIMER0, 0x508, 3); // BITMODE: 32 bits
        write(TIMER0, 0x510, 4); // PRESCALER: 16 MHz / 2^4 = 1 MHz
        write(TIMER0, 0x00C, 1); // TASKS_CLEAR
        write(TIMER0, 0x000, 1); // TASKS_START
        Clock { last: 0, high: 0 }
    }

    /// Microseconds since `start`. The 32-bit counter wraps every 71
    /// minutes; reading at least that often (every sleep and `ticks_*`
    /// does) keeps the count right.
    pub fn now_us(&mut self) -> u64 {
        write(TIMER0, 0x040, 1); // TASKS_CAPTURE[0]
        let now = read(TIMER0, 0x540); // CC[0]
        if now < self.last {
            self.high += 1;
        }
        self.last = now;
        ((self.high as u64) << 32) | now as u64
    }
}

fn port_of(id: u32) -> (usize, u32) {
    if id < 32 { (P0, id) } else { (P1, id - 32) }
}

/// GPIO through PIN_CNF, OUTSET/OUTCLR and IN.
pub struct Gpio;

impl Gpio {
    pub fn init(id: u32, mode: PinMode, pull: PinPull) {
        let (port, pin) = port_of(id);
        let dir = u32::from(mode != PinMode::In);
        // INPUT = 0 keeps the input buffer connected, so an output can be
        // read back as MicroPython allows.
        let pull = match pull {
            PinPull::None => 0,
            PinPull::Down => 1,
            PinPull::Up => 3,
        };
        // DRIVE: S0S1 (standard), or S0D1 for open drain.
        let drive = if mode == PinMode::OpenDrain { 6 } else { 0 };
        write(
            port,
            0x700 + 4 * pin as usize,
            dir | (pull << 2) | (drive << 8),
        );
    }

    pub fn write(id: u32, high: bool) {
        let (port, pin) = port_of(id);
        write(port, if high { 0x508 } else { 0x50C }, 1 << pin);
    }

    pub fn read(id: u32) -> bool {
        let (port, pin) = port_of(id);
        let cnf = read(port, 0x700 + 4 * pin as usize);
        // An output reads as the level it drives.
        let reg = if cnf & 1 == 1 { 0x504 } else { 0x510 };
        read(port, reg) & (1 << pin) != 0
    }
}

/// FICR's 64-bit device id.
pub fn unique_id() -> [u8; 8] {
    let lo = read(FICR_DEVICEID, 0);
    let hi = read(FICR_DEVICEID, 4);
    let mut id = [0; 8];
    id[..4].copy_from_slice(&lo.to_le_bytes());
    id[4..].copy_from_slice(&hi.to_le_bytes());
    id
}
