/** 压测报告：延迟汇总、完整性、CPU 与 docs/benchmarks.md 的改写。 */
package com.acme.im.bench.report;
