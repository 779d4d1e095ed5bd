//! Python's `random.Random(text)`, draw for draw: the generated programs
//! draw their simulated sites with it, so the lab draws what CPython does.

use rand_mt::Mt;
use sha2::{Digest, Sha512};

/// CPython's Mersenne Twister seeded with a string (`random.Random(text)`):
/// the text's UTF-8 bytes followed by their SHA-512 are read as one
/// big-endian integer, which seeds MT19937 by `init_by_array` with its
/// 32-bit words, least significant first.
///
/// # Examples
///
/// The draws CPython 3.11 gives for
/// `random.Random("https://www.python.org/")`:
///
/// ```
/// use futures_lab_scenarios::PythonRandom;
///
/// let mut draw = PythonRandom::new("https://www.python.org/");
/// assert_eq!(draw.random(), 0.11334195422200721);
/// assert_eq!(draw.random(), 0.724333696162357);
/// assert_eq!(draw.randrange(400_000), 207_294);
/// ```
#[derive(Clone, Debug)]
pub struct PythonRandom(Box<Mt>);

impl PythonRandom {
    /// `random.Random(text)`.
    pub fn new(text: &str) -> Self {
        let mut bytes = text.as_bytes().to_vec();
        bytes.extend_from_slice(&Sha512::digest(text.as_bytes()));
        // The big-endian integer's 32-bit words, least significant first,
        // without the zero words above its highest bit (at least one word).
        let mut words: Vec<u32> = bytes
            .rchunks(4)
            .map(|chunk| {
                let mut word = [0u8; 4];
                word[4 - chunk.len()..].copy_from_slice(chunk);
                u32::from_be_bytes(word)
            })
            .collect();
        while words.len() > 1 && words.last() == Some(&0) {
            words.pop();
        }
        Self(Box::new(Mt::new_with_key(words)))
    }

    /// `random()`: a float in [0, 1) from 53 random bits.
    pub fn random(&mut self) -> f64 {
        let high = f64::from(self.0.next_u32() >> 5);
        let low = f64::from(self.0.next_u32() >> 6);
        (high * 67_108_864.0 + low) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(bits)` for up to 64 bits: 32-bit words, least
    /// significant first, the last one cut to what is left.
    pub fn getrandbits(&mut self, bits: u32) -> u64 {
        let mut value = 0u64;
        let mut left = bits.min(64);
        let mut shift = 0;
        while left > 0 {
            let mut word = self.0.next_u32();
            if left < 32 {
                word >>= 32 - left;
            }
            value |= u64::from(word) << shift;
            shift += 32;
            left = left.saturating_sub(32);
        }
        value
    }

    /// `randrange(n)`: as many bits as `n` has, drawn again until they fall
    /// below `n` (0 for 0, where Python raises).
    pub fn randrange(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let bits = u64::BITS - n.leading_zeros();
        loop {
            let value = self.getrandbits(bits);
            if value < n {
                return value;
            }
        }
    }
}
