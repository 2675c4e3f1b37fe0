# superopt::kernels: varsort2 (network ships: human benchmark / find = 0.962 in p5 latency)
# made by: superopt network --varsort 2 --symbol superopt_varsort2
# chosen by: bash scripts/find_kernels.sh 90 varsort2 (superopt search --task varsort2 --objective latency --profile x86 --seconds 90 --seed 1 --threads 2 --symbol superopt_varsort2, then superopt bench --task varsort2 found.s --seconds 20)
	.text
	.globl	superopt_varsort2
	.type	superopt_varsort2, @function
	.p2align 6
superopt_varsort2:
	mov (%rdi), %eax
	cmp $2, %eax
	jl .Lsuperopt_varsort2_Lend
	mov 4(%rdi), %eax
	mov 8(%rdi), %ecx
	mov %eax, %edx
	cmp %ecx, %eax
	cmovg %ecx, %eax
	cmovg %edx, %ecx
	mov %eax, 4(%rdi)
	mov %ecx, 8(%rdi)
.Lsuperopt_varsort2_Lend:
	ret
	.size	superopt_varsort2, .-superopt_varsort2
	.section	.note.GNU-stack,"",@progbits
