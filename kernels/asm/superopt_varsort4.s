# superopt::kernels: varsort4 (found ships: human benchmark / find = 1.018 in p5 latency)
# made by: superopt search --task varsort4 --objective latency --profile x86 --seconds 90 --seed 1 --threads 2 --symbol superopt_varsort4
# chosen by: bash scripts/find_kernels.sh 90 varsort4 (superopt search --task varsort4 --objective latency --profile x86 --seconds 90 --seed 1 --threads 2 --symbol superopt_varsort4, then superopt bench --task varsort4 found.s --seconds 20)
	.text
	.globl	superopt_varsort4
	.type	superopt_varsort4, @function
	.p2align 6
superopt_varsort4:
	mov 4(%rdi), %r8d
	cmpl $2, (%rdi)
	jl .Lsuperopt_varsort4_Ln2
	mov 8(%rdi), %eax
	cmp %r8d, %eax
	cmovl %eax, %r8d
	cmovle 4(%rdi), %eax
	cmpl $3, (%rdi)
	jl .Lsuperopt_varsort4_L3
	mov 12(%rdi), %r9d
	jle .Lsuperopt_varsort4_Ln3
	mov %eax, %r10d
	cmp %r9d, 16(%rdi)
	mov 12(%rdi), %ecx
	cmovge 16(%rdi), %ecx
	cmovl 16(%rdi), %r9d
	cmp %ecx, %r10d
	cmovle %ecx, %r10d
	mov %r10d, 16(%rdi)
	cmovge %ecx, %eax
.Lsuperopt_varsort4_Ln3:
	mov %r8d, %ecx
	cmp %r9d, %ecx
	cmovge %r9d, %r8d
	cmovg %ecx, %r9d
	mov %eax, %edx
	cmp %r9d, %edx
	cmovle %r9d, %edx
	cmovge %r9d, %eax
	mov %edx, 12(%rdi)
.Lsuperopt_varsort4_L3:
	mov %eax, 8(%rdi)
	mov %r8d, 4(%rdi)
.Lsuperopt_varsort4_Ln2:
	ret
	.size	superopt_varsort4, .-superopt_varsort4
	.section	.note.GNU-stack,"",@progbits
