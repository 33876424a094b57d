import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared';
import vite from './vite.config';

export default mergeConfig(mergeConfig(vite, shared), defineConfig({ test: { testTimeout: 120_000, expect: { poll: { timeout: 10_000, interval: 100 } } } }));
